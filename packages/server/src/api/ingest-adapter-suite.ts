// The suite every ingest adapter runs against a started server and a real source (Mosquitto, an in-process OPC UA server).
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createToken, ensureAdmin } from '../access/index.js';
import { systemClock } from '../clock.js';
import { loadConfig } from '../config.js';
import type { IngestStats } from '../ingest/index.js';
import { openTestStore, type TestStore } from '../store/index.js';
import { startServer, type StartedServer } from './start.js';

/** A real source of readings for one adapter, with sensors `mill-1.torque` (numbers) and `mill-1.label` (text). */
export interface AdapterHarness {
  /** Values the source sends by itself on subscribing (OPC UA: each node's current value). */
  initialMessages: number;
  /** SHOPFLOOR_* variables that point the server's adapter at this source. */
  env: Record<string, string>;
  /** Sends one reading of a sensor at a time (epoch ms); resolves once the source sent it. */
  emit(sensor: 'mill-1.torque' | 'mill-1.label', value: number | string, time: number): Promise<void>;
  /** Sends something the adapter must refuse whole; answers the reason it must count. */
  emitBad(): Promise<string>;
  close(): Promise<void>;
}

export interface SuiteContext {
  server: StartedServer;
  store: TestStore['store'];
  stats(): IngestStats;
  until(what: string, ok: () => boolean): Promise<void>;
}

export const T0 = Date.parse('2024-05-01T06:00:00.000Z');

/** Readings (or whole messages) the adapter has finished with: stored, refused or failed. */
function resolved(s: IngestStats): number {
  const sum = (c: Record<string, number>) => Object.values(c).reduce((a, b) => a + b, 0);
  return s.stored + s.failed + sum(s.rejectedReadings) + sum(s.rejectedMessages);
}

export function runIngestAdapterSuite(adapter: 'mqtt' | 'opcua', open: (dir: string) => Promise<AdapterHarness>, more?: (ctx: () => SuiteContext) => void): void {
  describe(`${adapter} readings ingest`, () => {
    let dir: string;
    let t: TestStore;
    let harness: AdapterHarness;
    let server: StartedServer;
    const stats = () => server.ingest![adapter]!.stats();
    async function until(what: string, ok: () => boolean): Promise<void> {
      for (let i = 0; i < 750; i++) {
        if (ok()) return;
        await new Promise((r) => setTimeout(r, 20));
      }
      throw new Error(`gave up waiting: ${what} (${JSON.stringify(stats())})`);
    }
    const series = async (sensor: string) => {
      const r = await t.store.readings.range(sensor, 0, Date.parse('2100-01-01'));
      return { times: [...r.times], values: [...r.values] };
    };

    beforeAll(async () => {
      dir = mkdtempSync(join(tmpdir(), `shopfloor-${adapter}-`));
      harness = await open(dir);
      t = await openTestStore('sqlite');
      // Sensors registered before the server starts: nothing the source sends first can beat them.
      const admin = await ensureAdmin({ store: t.store, clock: systemClock });
      const at = new Date().toISOString();
      for (const id of ['mill-1.torque', 'mill-1.label']) {
        await t.store.sensors.put({ id, asset: 'mill-1', unit: 'Nm', min: 0, max: 100, samplePeriodMs: 1000, resolution: 0, constantByDesign: false, counterResets: false }, at, admin.user.id);
      }
      await createToken({ store: t.store, clock: systemClock }, { userId: admin.user.id, name: 'test' });
      server = await startServer({ config: loadConfig({ SHOPFLOOR_PORT: '0', SHOPFLOOR_LOG_LEVEL: 'silent', SHOPFLOOR_TIME_ZONE: 'UTC', SHOPFLOOR_DATA_DIR: dir, ...harness.env }), store: t.store });
      await server.ingest![adapter]!.ready();
      // A source may send each node's current value on subscribing: let those land before the tests count.
      await until('the initial values', () => resolved(stats()) >= harness.initialMessages);
    }, 60_000);

    afterAll(async () => {
      await server?.close();
      await harness?.close();
      await t?.cleanup();
      if (dir !== undefined) rmSync(dir, { recursive: true, force: true });
    });

    it('stores each reading the source sends, at its time, through the readings facade as the ingest user', async () => {
      const base = stats().stored;
      for (let s = 1; s <= 3; s++) {
        await harness.emit('mill-1.torque', 40 + s, T0 + s * 1000);
        await until(`reading ${s} stored`, () => stats().stored >= base + s);
      }
      const torque = await series('mill-1.torque');
      expect(torque.values.slice(-3)).toEqual([41, 42, 43]);
      expect(torque.times.slice(-3)).toEqual([1, 2, 3].map((s) => T0 + s * 1000));
      const user = await t.store.users.getByName('ingest');
      expect(user?.role).toBe('operator');
      expect((await t.store.audit.list({ userId: user!.id })).map((a) => a.action)).toContain('readings.ingest');
    });

    it('counts what it refuses with the reason, refused readings by the facade code, and keeps going', async () => {
      const before = stats();
      const reason = await harness.emitBad();
      await until(`${reason} counted`, () => (stats().rejectedMessages[reason] ?? 0) > (before.rejectedMessages[reason] ?? 0));
      await harness.emit('mill-1.label', 'jammed', T0 + 5000);
      await until('the text refused', () => (stats().rejectedReadings.READING_VALUE_TEXT ?? 0) > (before.rejectedReadings.READING_VALUE_TEXT ?? 0));
      await harness.emit('mill-1.torque', 44, T0 + 6000);
      await until('the next good reading stored', () => stats().stored > before.stored);
      expect((await series('mill-1.torque')).values.slice(-2)).toEqual([43, 44]);
      const metrics = await (await fetch(`${server.url}/metrics`)).text();
      expect(metrics).toContain(`shopfloor_${adapter}_ingest_rejected_messages_total{reason="${reason}"} ${stats().rejectedMessages[reason]}`);
      expect(metrics).toContain(`shopfloor_${adapter}_ingest_rejected_readings_total{reason="READING_VALUE_TEXT"} ${stats().rejectedReadings.READING_VALUE_TEXT}`);
      expect(metrics).toContain(`shopfloor_${adapter}_ingest_readings_total{outcome="stored"} ${stats().stored}`);
      expect(metrics).toContain(`shopfloor_${adapter}_ingest_connected 1`);
    });

    more?.(() => ({ server, store: t.store, stats, until }));
  });
}
