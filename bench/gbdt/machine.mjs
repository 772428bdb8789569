// Runs a benchmark step as a child process while sampling "foreign" CPU (the machine's busy time minus the step's own).
import fs from 'node:fs';
import os from 'node:os';
import { spawn } from 'node:child_process';

/** Busy and total jiffies over all cores from /proc/stat (undefined off Linux). */
export function cpuTimes() {
  try {
    const line = fs.readFileSync('/proc/stat', 'utf8').split('\n', 1)[0];
    const v = line.trim().split(/\s+/).slice(1).map(Number);
    const idle = v[3] + (v[4] ?? 0);
    const total = v.slice(0, 8).reduce((a, b) => a + b, 0);
    return { busy: total - idle, total };
  } catch {
    return undefined;
  }
}

/** utime + stime jiffies of a process (all its threads), undefined once it has exited. */
export function processTicks(pid) {
  try {
    const stat = fs.readFileSync(`/proc/${pid}/stat`, 'utf8');
    const f = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return Number(f[11]) + Number(f[12]);
  } catch {
    return undefined;
  }
}

/** Busy share of the whole machine (0..1, all cores) over `ms` milliseconds. */
export async function machineBusy(ms) {
  const a = cpuTimes();
  await new Promise((r) => setTimeout(r, ms));
  const b = cpuTimes();
  if (!a || !b || b.total === a.total) return undefined;
  return (b.busy - a.busy) / (b.total - a.total);
}

/** Waits until the machine is below `threshold` busy for a 5 s window, at most maxSeconds; returns the last reading. */
export async function waitIdle(maxSeconds, threshold, log) {
  const until = Date.now() + maxSeconds * 1000;
  for (;;) {
    const busy = await machineBusy(5000);
    if (busy === undefined || busy < threshold || Date.now() >= until) return busy;
    log(`machine ${(busy * 100).toFixed(0)}% busy; waiting for < ${(threshold * 100).toFixed(0)}% ...`);
  }
}

/**
 * Runs cmd and collects stdout; stderr passes through. Every second it samples the machine's CPU and
 * the child's own, so the report can say how much of the machine other work took during the step
 * (shares of ALL cores: 0.5 = one of two cores busy with something else).
 */
export function runSampled(cmd, args, options = {}) {
  return new Promise((resolve) => {
    const child = spawn(cmd, args, { stdio: ['ignore', 'pipe', 'inherit'], ...options });
    const chunks = [];
    child.stdout.on('data', (c) => chunks.push(c));
    const foreign = [];
    let prev = { cpu: cpuTimes(), own: processTicks(child.pid) ?? 0 };
    const timer = setInterval(() => {
      const cpu = cpuTimes();
      const own = processTicks(child.pid);
      if (cpu && prev.cpu && own !== undefined && cpu.total > prev.cpu.total) {
        const share = (cpu.busy - prev.cpu.busy - (own - prev.own)) / (cpu.total - prev.cpu.total);
        foreign.push(Math.max(0, share));
      }
      prev = { cpu, own: own ?? prev.own };
    }, 1000);
    const started = Date.now();
    child.on('error', (err) => {
      clearInterval(timer);
      resolve({ code: -1, error: err.message, stdout: '', seconds: 0, foreignCpu: summary(foreign) });
    });
    child.on('close', (code) => {
      clearInterval(timer);
      resolve({ code, stdout: Buffer.concat(chunks).toString('utf8'), seconds: (Date.now() - started) / 1000, foreignCpu: summary(foreign) });
    });
  });
}

function summary(samples) {
  if (samples.length === 0) return { samples: 0, mean: null, max: null, over25: 0 };
  const mean = samples.reduce((a, b) => a + b, 0) / samples.length;
  return { samples: samples.length, mean, max: Math.max(...samples), over25: samples.filter((s) => s > 0.25).length };
}

export function machineInfo() {
  const cpus = os.cpus();
  return { nproc: cpus.length, cpu_model: cpus[0]?.model ?? 'unknown', total_mem_gb: os.totalmem() / 2 ** 30, loadavg: os.loadavg(), node: process.version };
}
