// Test fixture for rollouts: AI4I-like milling data with a machine column, a listening app with real trained versions, and an HTTP client.
import type { AddressInfo } from 'node:net';
import type { ModelVersion, PredictResponse } from '@shopfloor/contracts';
import type { Config } from '../../config.js';
import { openTestApp, type TestApp } from '../test-app.js';

/** Deterministic uniform numbers in [0, 1) (an LCG: reproducible test data). */
function uniform(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (Math.imul(s, 1664525) + 1013904223) >>> 0;
    return s / 2 ** 32;
  };
}

export const MACHINES = 60;
const START = Date.parse('2024-01-01T00:00:00.000Z');
const HEADER = ['time', 'machine', 'Type', 'Air temperature [K]', 'Process temperature [K]', 'Rotational speed [rpm]', 'Torque [Nm]', 'Tool wear [min]', 'Machine failure'];

/** Milling readings every 10 minutes from 60 machines, failing by AI4I's own modes; `shuffled` breaks every link between sensors and failures. */
export function millCsv(rows: number, seed = 42, shuffled = false): string {
  const rand = uniform(seed);
  const lines: string[][] = [];
  for (let i = 0; i < rows; i++) {
    const type = rand() < 0.6 ? 'L' : rand() < 0.75 ? 'M' : 'H';
    const air = 298 + 4 * rand();
    const process = air + 8 + 3 * rand();
    const rpm = 1250 + 700 * rand();
    const torque = Math.max(4, 70 - rpm / 40 + 12 * rand());
    const wear = Math.floor(250 * rand());
    const power = (torque * rpm * 2 * Math.PI) / 60;
    const limit = type === 'L' ? 11_000 : type === 'M' ? 12_000 : 13_000;
    const failed = wear > 200 || (process - air < 8.8 && rpm < 1380) || power < 3500 || power > 9000 || wear * torque > limit;
    lines.push([new Date(START + i * 600_000).toISOString(), `M-${i % MACHINES}`, type, air.toFixed(1), process.toFixed(1), String(Math.round(rpm)), torque.toFixed(1), String(wear), failed ? '1' : '0']);
  }
  if (shuffled) {
    const labels = lines.map((l) => l[8]!);
    for (let i = labels.length - 1; i > 0; i--) {
      const j = Math.floor(rand() * (i + 1));
      [labels[i], labels[j]] = [labels[j]!, labels[i]!];
    }
    lines.forEach((l, i) => (l[8] = labels[i]!));
  }
  return `${[HEADER, ...lines].map((l) => l.join(',')).join('\n')}\n`;
}

/** Request rows (features and machine, no target) from the same process, for entities `machine-0..n-1`. */
export function requestRows(n: number, seed = 7, entity: (i: number) => string = (i) => `machine-${i}`): Record<string, string | number>[] {
  const csv = millCsv(n, seed).trim().split('\n').slice(1);
  return csv.map((line, i) => {
    const f = line.split(',');
    return { machine: entity(i), Type: f[2]!, 'Air temperature [K]': Number(f[3]), 'Process temperature [K]': Number(f[4]), 'Rotational speed [rpm]': Number(f[5]), 'Torque [Nm]': Number(f[6]), 'Tool wear [min]': Number(f[7]) };
  });
}

/** The true failures of requestRows(n, seed), row by row. */
export function requestLabels(n: number, seed = 7): number[] {
  return millCsv(n, seed).trim().split('\n').slice(1).map((line) => Number(line.split(',')[8]));
}

export const USE_CASE = {
  id: 'mill-failure',
  name: 'Mill failure',
  decision: 'stop the mill for inspection before it fails',
  task: 'binary',
  target: 'Machine failure',
  timeColumn: 'time',
  entityColumn: 'machine',
  features: [
    { name: 'Type' },
    { name: 'Air temperature [K]', unit: 'K' },
    { name: 'Process temperature [K]', unit: 'K' },
    { name: 'Rotational speed [rpm]', unit: 'rpm' },
    { name: 'Torque [Nm]', unit: 'Nm' },
    { name: 'Tool wear [min]', unit: 'min' },
  ],
  costs: { kind: 'binary', currency: 'EUR', trueAlarmSaves: 4000, falseAlarmCosts: 300, missCosts: 5000 },
};

export interface RolloutApp {
  t: TestApp;
  base: string;
  engineer: { authorization: string };
  /** v1 champion; v2 the same training again (a faithful retrain); v3 trained on shuffled failures (a bad model). */
  versions: ModelVersion[];
  call(method: string, path: string, body?: unknown, headers?: Record<string, string>): Promise<{ status: number; json: any }>;
  predict(body: unknown): Promise<PredictResponse>;
  close(): Promise<void>;
}

/**
 * A listening app (port 0) with the mill use case and `versions` trained for real: 'good' repeats v1's
 * training, 'bad' learns from shuffled failures. Everything goes over HTTP with fetch.
 */
export async function openRolloutApp(overrides: Partial<Config> = {}, versions: ('good' | 'bad')[] = ['good', 'bad'], beforeListen?: (t: TestApp) => void, backend: 'sqlite' | 'postgres' = 'sqlite'): Promise<RolloutApp> {
  const t = await openTestApp(backend, overrides);
  beforeListen?.(t);
  await t.app.listen({ port: 0, host: '127.0.0.1' });
  const base = `http://127.0.0.1:${(t.app.server.address() as AddressInfo).port}`;
  const engineer = (await t.userWithRole('engineer', 'erin')).headers;
  async function call(method: string, path: string, body?: unknown, headers: Record<string, string> = engineer) {
    const res = await fetch(`${base}${path}`, { method, headers: { ...headers, ...(body === undefined ? {} : { 'content-type': 'application/json' }) }, ...(body === undefined ? {} : { body: JSON.stringify(body) }) });
    const text = await res.text();
    return { status: res.status, json: text === '' ? null : JSON.parse(text) };
  }
  async function importCsv(csv: string): Promise<string> {
    const res = await fetch(`${base}/api/v1/datasets?name=mill-line&fileName=mill.csv`, { method: 'POST', headers: { ...engineer, 'content-type': 'text/csv' }, body: csv });
    if (res.status !== 201) throw new Error(`import failed: ${await res.text()}`);
    return ((await res.json()) as { id: string }).id;
  }
  try {
    const good = await importCsv(millCsv(1500));
    const created = await call('POST', '/api/v1/use-cases', { ...USE_CASE, datasetVersionId: good });
    if (created.status !== 201) throw new Error(`use case: ${JSON.stringify(created.json)}`);
    const bad = versions.includes('bad') ? await importCsv(millCsv(1500, 42, true)) : good;
    const trained: ModelVersion[] = [];
    for (const kind of ['good', ...versions] as const) {
      t.clock.advance(60_000);
      const res = await call('POST', `/api/v1/use-cases/${USE_CASE.id}/train`, { params: { maxIter: 25 }, ...(kind === 'bad' ? { datasetVersionId: bad } : {}) });
      if (res.status !== 201) throw new Error(`train: ${JSON.stringify(res.json)}`);
      trained.push(res.json as ModelVersion);
    }
    return {
      t,
      base,
      engineer,
      versions: trained,
      call,
      async predict(body) {
        const res = await call('POST', `/api/v1/use-cases/${USE_CASE.id}/predict`, body);
        if (res.status !== 200) throw new Error(`predict: ${res.status} ${JSON.stringify(res.json)}`);
        return res.json as PredictResponse;
      },
      close: () => t.cleanup(),
    };
  } catch (e) {
    await t.cleanup();
    throw e;
  }
}
