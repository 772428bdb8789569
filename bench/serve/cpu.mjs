// CPU accounting during a load step: the shares of the machine taken by the server, by the load generator and by everything else ("foreign").
import fs from 'node:fs';
import { cpuTimes, processTicks } from '../gbdt/machine.mjs';

/**
 * Samples every second until stop(). `server` is the server's pid; `loadPids()` returns the load
 * generators' pids at that moment (wrk, this process for the open-loop client). Shares are of ALL
 * cores (0.5 = one of two cores). Foreign = busy - server - load.
 */
export function startCpuSampler(server, loadPids) {
  const first = { cpu: cpuTimes(), server: processTicks(server) ?? 0 };
  let prev = first;
  const lastLoad = new Map(loadPids().map((p) => [p, processTicks(p) ?? 0]));
  const foreign = [];
  const sample = () => {
    const now = { cpu: cpuTimes(), server: processTicks(server) ?? prev.server };
    // a load pid first seen in this interval counts all its ticks here (it started within it)
    let load = 0;
    for (const p of loadPids()) {
      const t = processTicks(p);
      if (t === undefined) continue;
      load += t - (lastLoad.get(p) ?? 0);
      lastLoad.set(p, t);
    }
    if (now.cpu && prev.cpu && now.cpu.total > prev.cpu.total) {
      const own = now.server - prev.server + load;
      foreign.push(Math.max(0, (now.cpu.busy - prev.cpu.busy - own) / (now.cpu.total - prev.cpu.total)));
    }
    prev = now;
  };
  const timer = setInterval(sample, 1000);
  return {
    stop() {
      clearInterval(timer);
      const end = { cpu: cpuTimes(), server: processTicks(server) ?? prev.server };
      const total = end.cpu && first.cpu ? end.cpu.total - first.cpu.total : 0;
      return {
        serverShare: total > 0 ? (end.server - first.server) / total : null,
        // jiffies are 1/100 s on Linux (USER_HZ); /proc/<pid>/stat counts all the server's threads
        serverCpuSeconds: (end.server - first.server) / 100,
        foreign: summary(foreign),
        serverRssMb: rssMb(server),
      };
    },
  };
}

function summary(samples) {
  if (samples.length === 0) return { samples: 0, mean: null, max: null };
  return { samples: samples.length, mean: samples.reduce((a, b) => a + b, 0) / samples.length, max: Math.max(...samples) };
}

/** VmRSS of a process in MB (null when unreadable). */
export function rssMb(pid) {
  try {
    const m = /VmRSS:\s+(\d+) kB/.exec(fs.readFileSync(`/proc/${pid}/status`, 'utf8'));
    return m ? Number(m[1]) / 1024 : null;
  } catch {
    return null;
  }
}

/**
 * Waits until the process `pid` uses under `share` of one core over a 1 s window (background work such as
 * training companions after a new version must not land in a measurement), at most `maxSeconds`.
 * Resolves to the seconds waited.
 */
export async function waitProcessQuiet(pid, { share = 0.05, maxSeconds = 120 } = {}) {
  const started = Date.now();
  for (;;) {
    const a = processTicks(pid);
    await new Promise((r) => setTimeout(r, 1000));
    const b = processTicks(pid);
    if (a === undefined || b === undefined || (b - a) / 100 < share || Date.now() - started > maxSeconds * 1000) return (Date.now() - started) / 1000;
  }
}
