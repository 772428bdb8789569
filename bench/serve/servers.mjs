// The servers bench:serve measures, each started in its own process group on 127.0.0.1 and stopped by that group.
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import path from 'node:path';

/** A free loopback port (bound, read and released; a tiny race another process could win, as with any such probe). */
export function freePort() {
  return new Promise((resolve, reject) => {
    const s = net.createServer();
    s.once('error', reject);
    s.listen(0, '127.0.0.1', () => {
      const { port } = s.address();
      s.close(() => resolve(port));
    });
  });
}

/**
 * Starts `cmd args` detached (its own process group, so stop() reaches what it spawns), stdout and stderr
 * to `logFile`. Returns { pid, exited, stop }; `exited` resolves with the exit code.
 */
const running = new Set();

/** Stops every server still running (for SIGINT/SIGTERM: they live in their own process groups). */
export async function stopAll() {
  await Promise.all([...running].map((stop) => stop()));
}

export function startProcess(cmd, args, { env, cwd, logFile }) {
  const log = fs.openSync(logFile, 'w');
  const child = spawn(cmd, args, { env: { ...process.env, ...env }, cwd, detached: true, stdio: ['ignore', log, log] });
  fs.closeSync(log);
  let code = null;
  let exitedAt = null;
  const exited = new Promise((resolve) => child.on('exit', (c, signal) => resolve(((exitedAt = Date.now()), (code = c ?? signal)))));
  exited.then(() => running.delete(stop));
  child.on('error', () => {});
  async function stop() {
    if (code !== null) return;
    signalGroup(child.pid, 'SIGTERM');
    const killed = await Promise.race([exited.then(() => true), sleep(5000).then(() => false)]);
    if (!killed) {
      signalGroup(child.pid, 'SIGKILL');
      await exited;
    }
  }
  running.add(stop);
  return { pid: child.pid, exited, stop, logFile, hasExited: () => code !== null, exitedAt: () => exitedAt };
}

function signalGroup(pid, signal) {
  try {
    process.kill(-pid, signal);
  } catch {
    // already gone
  }
}

export const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

/** Polls GET url until it answers 2xx, the process exits or `seconds` pass. */
export async function waitHealthy(url, proc, seconds) {
  const until = Date.now() + seconds * 1000;
  while (Date.now() < until) {
    if (proc.hasExited()) throw new Error(`the server exited before ${url} answered; see ${proc.logFile}`);
    try {
      const res = await fetch(url);
      if (res.ok) return;
    } catch {
      // not listening yet
    }
    await sleep(100);
  }
  throw new Error(`${url} did not answer within ${seconds} s; see ${proc.logFile}`);
}

/** ../shared/bench/ceiling_fastify.mjs with the project's own fastify (NODE_PATH=$PWD/node_modules). */
export async function startCeiling({ root, shared, logDir }) {
  const port = await freePort();
  const proc = startProcess(process.execPath, [path.join(shared, 'bench', 'ceiling_fastify.mjs'), '--port', String(port)], {
    cwd: root,
    env: { NODE_PATH: path.join(root, 'node_modules') },
    logFile: path.join(logDir, 'fastify-ceiling.log'),
  });
  await waitHealthy(`http://127.0.0.1:${port}/health`, proc, 30);
  return { name: 'fastify-ceiling', url: `http://127.0.0.1:${port}/predict`, proc, command: `NODE_PATH=$PWD/node_modules node ${path.relative(root, path.join(shared, 'bench', 'ceiling_fastify.mjs'))} --port ${port}` };
}

/** ../shared/bench/peers_serve_fastapi.py on Debian's python3 and uvicorn, one worker, no access log (as peers_serve.sh runs it). */
export async function startFastapi({ root, shared, logDir, csv, python = '/usr/bin/python3' }) {
  const port = await freePort();
  const args = ['-m', 'uvicorn', '--app-dir', path.join(shared, 'bench'), 'peers_serve_fastapi:app', '--host', '127.0.0.1', '--port', String(port), '--workers', '1', '--no-access-log', '--log-level', 'warning'];
  const proc = startProcess(python, args, { cwd: root, env: { AI4I_CSV: csv, OMP_NUM_THREADS: '1' }, logFile: path.join(logDir, 'fastapi-xgboost.log') });
  await waitHealthy(`http://127.0.0.1:${port}/health`, proc, 120);
  return { name: 'fastapi-xgboost', url: `http://127.0.0.1:${port}/predict`, proc, command: `AI4I_CSV=${csv} ${python} ${args.join(' ')}` };
}

/**
 * Shopfloor as a user starts it: the built CLI's `demo` on a fresh data dir (bundled AI4I data, the
 * machine-failure use case, a champion trained), `--json` so the first stdout line carries the URL and the
 * admin token. The demo logs warnings only (SHOPFLOOR_LOG_LEVEL=warn), so no per-request access log.
 */
export async function startShopfloor({ root, dataDir, logDir, env = {}, nodeArgs = [] }) {
  const logFile = path.join(logDir, 'shopfloor.log');
  const args = [path.join(root, 'packages/cli/dist/main.js'), '--json', '--data-dir', dataDir, 'demo', '--port', '0'];
  const proc = startProcess(process.execPath, [...nodeArgs, ...args], { cwd: root, env: { SHOPFLOOR_LOG_LEVEL: 'warn', ...env }, logFile });
  const until = Date.now() + 600_000;
  for (;;) {
    const first = fs.readFileSync(logFile, 'utf8').split('\n').find((l) => l.startsWith('{"url"'));
    if (first) {
      const info = JSON.parse(first);
      if (!info.token) throw new Error(`the demo printed no admin token (was ${dataDir} used before?); see ${logFile}`);
      return { name: 'shopfloor', base: info.url, token: info.token, useCaseId: info.useCaseId, model: info.model, proc, command: `SHOPFLOOR_LOG_LEVEL=warn node ${nodeArgs.length ? `${nodeArgs.join(' ')} ` : ''}${path.relative(root, args[0])} ${args.slice(1).join(' ')}` };
    }
    if (proc.hasExited()) throw new Error(`shopfloor demo exited before it was ready; see ${logFile}`);
    if (Date.now() > until) throw new Error(`shopfloor demo not ready after 10 minutes; see ${logFile}`);
    await sleep(200);
  }
}
