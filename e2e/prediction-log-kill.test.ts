// Nothing lost: the real server is SIGKILLed during a load of logged predictions; after a restart every acknowledged prediction is in the log.
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BIN, requireBuiltCli, shopfloor } from './cli-run.js';

const POSTGRES = process.env['SHOPFLOOR_TEST_DATABASE_URL'] ?? 'postgres://root@127.0.0.1:5432/test';
const CLIENTS = 8;
const ACKED_BEFORE_KILL = 600;

function pressCsv(): string {
  const lines = ['UDI,Machine,Type,Torque [Nm],Tool wear [min],Machine failure'];
  for (let i = 1; i <= 200; i++) {
    const torque = 20 + ((i * 7) % 50);
    const wear = (i * 13) % 240;
    lines.push([i, `M-${i % 4}`, ['L', 'M', 'H'][i % 3], torque, wear, wear > 200 || torque > 62 ? 1 : 0].join(','));
  }
  return `${lines.join('\n')}\n`;
}

const SPEC = {
  id: 'press-failure',
  name: 'Press failure',
  task: 'binary',
  target: 'Machine failure',
  entityColumn: 'Machine',
  features: [{ name: 'Type' }, { name: 'Torque [Nm]', unit: 'Nm' }, { name: 'Tool wear [min]', unit: 'min' }],
  split: { kind: 'key', column: 'UDI', modulo: 5, remainder: 0 },
  costs: { kind: 'binary', currency: 'EUR', trueAlarmSaves: 4000, falseAlarmCosts: 300, missCosts: 5000 },
};

/** The environment without SHOPFLOOR_* settings (the store is chosen by flags only). */
function cleanEnv(): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = {};
  for (const [key, value] of Object.entries(process.env)) if (!key.startsWith('SHOPFLOOR_')) env[key] = value;
  return { ...env, SHOPFLOOR_LOG_LEVEL: 'warn', SHOPFLOOR_COMPANION_SENSORS: '0' };
}

/** `shopfloor serve --json` as a child process; resolves with its URL once it listens. */
function startServe(cwd: string, storeArgs: readonly string[]): Promise<{ child: ChildProcess; url: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [BIN, ...storeArgs, 'serve', '--port', '0', '--no-web', '--json'], { cwd, env: cleanEnv(), stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    let err = '';
    let started = false;
    child.stderr!.setEncoding('utf8').on('data', (c: string) => (err += c));
    child.stdout!.setEncoding('utf8').on('data', (c: string) => {
      out += c;
      if (started || !out.includes('\n')) return;
      try {
        resolve({ child, url: (JSON.parse(out.split('\n')[0]!) as { url: string }).url });
        started = true;
      } catch {
        // Not the {"url"} line (an error report, say): the whole output is told once the process ends.
      }
    });
    child.on('exit', (code) => reject(new Error(`serve exited with ${code}; stdout: ${out}; stderr: ${err}`)));
  });
}

function killed(child: ChildProcess): Promise<void> {
  return new Promise((resolve) => {
    if (child.exitCode !== null || child.signalCode !== null) return resolve();
    child.once('exit', () => resolve());
    child.kill('SIGKILL');
  });
}

async function adminQuery(text: string): Promise<void> {
  const client = new pg.Client({ connectionString: POSTGRES });
  await client.connect();
  try {
    await client.query(text);
  } finally {
    await client.end();
  }
}

describe.each(['sqlite', 'postgres'] as const)('prediction log survives SIGKILL on %s', (backend) => {
  let work = '';
  let storeArgs: string[] = [];
  let token = '';
  let schema = '';
  const children: ChildProcess[] = [];

  beforeAll(async () => {
    requireBuiltCli();
    work = await mkdtemp(join(tmpdir(), 'shopfloor-kill-'));
    if (backend === 'postgres') {
      schema = `kill_${randomBytes(4).toString('hex')}`;
      await adminQuery(`create schema ${schema}`);
      storeArgs = ['--database-url', `${POSTGRES}?schema=${schema}`];
    } else {
      storeArgs = ['--data-dir', join(work, 'data')];
    }
    await writeFile(join(work, 'press.csv'), pressCsv());
    const imported = await shopfloor(work, [...storeArgs, 'import', 'press.csv', '--name', 'press', '--json']);
    expect(imported.code, imported.stderr).toBe(0);
    token = /sf_[A-Za-z0-9_-]{43}/.exec(imported.stderr)![0];
    await writeFile(join(work, 'spec.json'), JSON.stringify({ ...SPEC, datasetVersionId: (JSON.parse(imported.stdout) as { version: { id: string } }).version.id }));
    const created = await shopfloor(work, [...storeArgs, 'use-case', 'create', '--file', 'spec.json', '--json']);
    expect(created.code, created.stderr).toBe(0);
    const trained = await shopfloor(work, [...storeArgs, 'train', 'press-failure', '--json'], { SHOPFLOOR_COMPANION_SENSORS: '0' });
    expect(trained.code, trained.stderr).toBe(0);
  }, 240_000);

  afterAll(async () => {
    for (const child of children) await killed(child);
    if (schema !== '') await adminQuery(`drop schema if exists ${schema} cascade`);
    if (work !== '') await rm(work, { recursive: true, force: true });
  });

  it('finds every prediction a client got a 200 for in the log after a restart', async () => {
    const first = await startServe(work, storeArgs);
    children.push(first.child);
    const headers = { authorization: `Bearer ${token}`, 'content-type': 'application/json' };
    const acked: string[] = [];
    let lostInFlight = 0;
    let stop = false;
    let reachedTarget!: () => void;
    const target = new Promise<void>((resolve) => (reachedTarget = resolve));
    const client = async (c: number) => {
      for (let i = 0; !stop; i++) {
        const row = { Machine: `M-${c}`, Type: 'L', 'Torque [Nm]': 20 + ((c * 31 + i) % 50), 'Tool wear [min]': (i * 7) % 240 };
        try {
          const res = await fetch(`${first.url}/api/v1/use-cases/press-failure/predict`, { method: 'POST', headers, body: JSON.stringify({ row }) });
          if (res.status !== 200) throw new Error(`HTTP ${res.status}: ${await res.text()}`);
          const body = (await res.json()) as { predictions: { predictionId: string }[] };
          acked.push(body.predictions[0]!.predictionId);
          if (acked.length >= ACKED_BEFORE_KILL) reachedTarget();
        } catch (e) {
          if (!stop) throw e;
          lostInFlight++;
          return;
        }
      }
    };
    const clients = Array.from({ length: CLIENTS }, (_, c) => client(c));
    await Promise.race([target, Promise.all(clients)]);
    stop = true;
    await killed(first.child); // mid-load: the clients still have requests in flight
    await Promise.all(clients);
    expect(first.child.signalCode).toBe('SIGKILL');

    const second = await startServe(work, storeArgs);
    children.push(second.child);
    const logged = new Set<string>();
    let cursor: string | null = null;
    do {
      const query: string = cursor === null ? 'limit=500' : `limit=500&cursor=${cursor}`;
      const res = await fetch(`${second.url}/api/v1/use-cases/press-failure/predictions?${query}`, { headers });
      expect(res.status).toBe(200);
      const page = (await res.json()) as { predictions: { id: string }[]; nextCursor: string | null };
      for (const p of page.predictions) logged.add(p.id);
      cursor = page.nextCursor;
    } while (cursor !== null);
    const missing = acked.filter((id) => !logged.has(id));
    console.info(`[${backend}] ${acked.length} predictions acknowledged by ${CLIENTS} clients before SIGKILL, ${lostInFlight} requests cut off in flight; ${logged.size} in the log after restart, ${missing.length} acknowledged ones missing`);
    expect(acked.length).toBeGreaterThanOrEqual(ACKED_BEFORE_KILL);
    expect(missing).toEqual([]);
    expect(logged.size).toBeGreaterThanOrEqual(acked.length);
    await killed(second.child);
  }, 120_000);
});
