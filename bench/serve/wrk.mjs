// Runs wrk (closed loop, -t1 -cN --latency) with bench/serve/wrk-post.lua and parses its report.
import { spawn } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const HERE = path.dirname(fileURLToPath(import.meta.url));
export const WRK_SCRIPT = path.join(HERE, 'wrk-post.lua');

const UNIT_MS = { us: 1e-3, ms: 1, s: 1000, m: 60_000, h: 3_600_000 };

/** "612.00us" / "2.09ms" / "1.02s" -> milliseconds (null when unreadable). */
export function durationMs(text) {
  const m = /^([\d.]+)(us|ms|s|m|h)$/.exec(text.trim());
  return m ? Number(m[1]) * UNIT_MS[m[2]] : null;
}

/**
 * wrk's text report -> { requestsPerSecond, latencyMs: { p50, p75, p90, p99 }, non2xx, socketErrors, requests }.
 * Percentiles come from the `--latency` "Latency Distribution" block; the WRK_JSON line of wrk-post.lua,
 * when present, supplies the error counts (wrk prints "Non-2xx" and "Socket errors" lines only when non-zero).
 */
export function parseWrk(text) {
  const rps = /^Requests\/sec:\s+([\d.]+)/m.exec(text);
  if (!rps) throw new Error(`no "Requests/sec:" line in wrk's output:\n${text.slice(0, 2000)}`);
  const latencyMs = {};
  const block = /Latency Distribution\n((?:\s+\d+%\s+\S+\n?)+)/.exec(text);
  if (!block) throw new Error('no "Latency Distribution" block in wrk\'s output (run it with --latency)');
  for (const line of block[1].split('\n')) {
    const m = /^\s+(\d+)%\s+(\S+)/.exec(line);
    if (m) latencyMs[`p${m[1]}`] = durationMs(m[2]);
  }
  const summary = /^WRK_JSON (.*)$/m.exec(text);
  const json = summary ? JSON.parse(summary[1]) : null;
  const non2xx = json ? json.non_2xx : Number(/Non-2xx or 3xx responses:\s+(\d+)/.exec(text)?.[1] ?? 0);
  const sock = /Socket errors: connect (\d+), read (\d+), write (\d+), timeout (\d+)/.exec(text);
  const socketErrors = json ? Object.values(json.errors).reduce((a, b) => a + b, 0) : sock ? sock.slice(1).reduce((a, b) => a + Number(b), 0) : 0;
  const requests = json?.requests ?? Number(/(\d+) requests in/.exec(text)?.[1] ?? NaN);
  return { requestsPerSecond: Number(rps[1]), latencyMs, non2xx, socketErrors, requests };
}

/**
 * One wrk run: `wrk -t1 -c<connections> -d<seconds>s --latency -s wrk-post.lua url`, bodies (JSON strings)
 * and the token through WRK_BODIES / WRK_TOKEN. Resolves to parseWrk's result plus the raw text and wrk's pid
 * (`onStart` receives the pid first, for CPU accounting).
 */
export function runWrk({ url, bodies, token, seconds, connections = 32, onStart }) {
  const args = ['-t1', `-c${connections}`, `-d${seconds}s`, '--latency', '-s', WRK_SCRIPT, url];
  const env = { ...process.env, WRK_BODIES: bodies.map((b) => (typeof b === 'string' ? b : JSON.stringify(b))).join('\n'), WRK_TOKEN: token ?? '' };
  return new Promise((resolve, reject) => {
    const child = spawn('wrk', args, { env, stdio: ['ignore', 'pipe', 'pipe'] });
    onStart?.(child.pid);
    let out = '';
    let err = '';
    child.stdout.on('data', (c) => (out += c));
    child.stderr.on('data', (c) => (err += c));
    child.on('error', (e) => reject(new Error(`cannot run wrk (${e.message}): apt-get install -y wrk`)));
    child.on('close', (code) => {
      if (code !== 0) return reject(new Error(`wrk exited with ${code}: ${err.trim() || out.trim()}`));
      try {
        resolve({ ...parseWrk(out), raw: out, command: `wrk ${args.join(' ')}` });
      } catch (e) {
        reject(e);
      }
    });
  });
}
