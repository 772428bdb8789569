// The programmatic facade over sensors, readings and trust reports: what the CLI and the HTTP routes call.
import type { z } from 'zod';
import {
  ImportReadingsQuery,
  PostReadingsRequest,
  RegisterSensorsRequest,
  SensorTraceQuery,
  TrustReportQuery,
  UseCaseTrustReportQuery,
  validationError,
  type ReadingsResult,
  type RegisterSensorsResponse,
  type Sensor,
  type TrustReport,
  type User,
} from '@shopfloor/contracts';
import type { Clock } from './clock.js';
import type { Config } from './config.js';
import {
  createLiveTrust,
  ingestReadings,
  listSensors,
  readReadingsCsv,
  registerSensors,
  sensorTrace,
  storedTrustReport,
  useCaseTrustReport,
  type HealthBoardWriter,
  type LiveChange,
  type LiveTrust,
} from './sensors/index.js';
import type { ReadingRow, Store } from './store/index.js';

export interface SensorsFacade {
  /** All or nothing; VALIDATION_FAILED naming the field of a bad spec. */
  registerSensors(actor: User, req: z.input<typeof RegisterSensorsRequest>): Promise<RegisterSensorsResponse>;
  listSensors(): Promise<Sensor[]>;
  /** Good rows stored, bad ones listed; READINGS_ALL_REJECTED when none is good. */
  postReadings(actor: User, req: z.input<typeof PostReadingsRequest>): Promise<ReadingsResult>;
  /** A long or wide CSV file; as postReadings, rows named by file line. */
  importReadings(actor: User, bytes: Uint8Array, query: z.input<typeof ImportReadingsQuery>): Promise<ReadingsResult>;
  /** TRUST_REPORT_INVALID, SENSOR_NOT_FOUND. */
  trustReport(query: z.input<typeof TrustReportQuery>): Promise<TrustReport>;
  /** USE_CASE_NOT_FOUND, SENSOR_NOT_FOUND, TRUST_REPORT_INVALID. */
  useCaseTrustReport(useCaseId: string, query?: z.input<typeof UseCaseTrustReportQuery>): Promise<TrustReport>;
  /** The binary trace of one sensor (layout: encodeTrace in @shopfloor/contracts). SENSOR_NOT_FOUND, SENSOR_TRACE_INVALID. */
  sensorTrace(sensor: string, query?: z.input<typeof SensorTraceQuery>): Promise<Uint8Array>;
  /** One live-trust clock tick now: sensors silent (wall clock) for over k sample periods turn untrusted; the board changes. */
  tickLiveTrust(): Promise<LiveChange[]>;
  /** Ticks every config.trustTickSeconds (10 s unset, 0 = none) until the returned stop is called; the app starts it when ready. */
  startLiveTrustTicks(): () => void;
}

function parse<S extends z.ZodType>(schema: S, value: unknown, part: string): z.output<S> {
  const result = schema.safeParse(value);
  if (!result.success) throw validationError(part, result.error.issues);
  return result.data;
}

/** Live trust's default quiet period: 10 minutes of clean readings before an untrusted sensor is trusted again. */
const DEFAULT_QUIET_SECONDS = 600;
/** Live trust's default tick: silence is seen within 10 s of passing k sample periods. */
const DEFAULT_TICK_SECONDS = 10;

/** Feeding live trust (or its clock tick) failed: logged (warn); the readings are stored all the same. */
function liveTrustFor(store: Store, clock: Clock, config: Config, health: HealthBoardWriter): LiveTrust {
  return createLiveTrust(store, health, {
    quietMs: (config.trustQuietSeconds ?? DEFAULT_QUIET_SECONDS) * 1000,
    clock,
    onError(e) {
      if (config.logLevel === 'silent' || config.logLevel === 'fatal' || config.logLevel === 'error') return;
      const line = { level: 'warn', time: clock.now().toISOString(), msg: 'live trust could not check the readings just stored (or run its clock tick)', error: e instanceof Error ? e.message : String(e) };
      process.stderr.write(`${JSON.stringify(line)}\n`);
    },
  });
}

/**
 * With `health` (the board serving reads, CompanionsFacade.health), readings stored through this facade
 * feed live trust, which turns sensors untrusted on that board and back (sensors/live-trust.ts).
 */
/** Live trust first, then `onStored` (streaming scoring), so a row is scored against the health its own readings set. */
function afterStore(live: LiveTrust | undefined, onStored: ((readings: readonly ReadingRow[]) => Promise<void>) | undefined): LiveTrust | undefined {
  if (onStored === undefined) return live;
  return {
    async observe(readings) {
      const changes = live === undefined ? [] : await live.observe(readings);
      await onStored(readings);
      return changes;
    },
    tick: () => live?.tick() ?? Promise.resolve([]),
    sensors: () => live?.sensors() ?? [],
    groups: () => live?.groups() ?? [],
  };
}

/** `onStored` sees every batch stored through this facade after its commit (and after live trust); it must not throw. */
export function createSensorsFacade(deps: { store: Store; clock: Clock; config: Config; health?: HealthBoardWriter; onStored?: (readings: readonly ReadingRow[]) => Promise<void> }): SensorsFacade {
  const { store, clock } = deps;
  const live = afterStore(deps.health === undefined ? undefined : liveTrustFor(store, clock, deps.config, deps.health), deps.onStored);
  const readingsDeps = { store, clock, siteTimeZone: deps.config.timeZone, ...(live === undefined ? {} : { live }) };
  return {
    registerSensors: (actor, req) => registerSensors({ store, clock }, actor, parse(RegisterSensorsRequest, req, 'body')),
    listSensors: () => listSensors(store),
    async postReadings(actor, req) {
      const { readings } = parse(PostReadingsRequest, req, 'body');
      return ingestReadings(readingsDeps, actor, readings.map((r, row) => ({ row, ...r })), { source: 'readings:api' });
    },
    async importReadings(actor, bytes, query) {
      const q = parse(ImportReadingsQuery, query, 'querystring');
      const csv = readReadingsCsv(bytes, q.fileName, q.format);
      return ingestReadings(readingsDeps, actor, csv.rows, { source: `readings:${q.fileName}`, decimal: csv.decimal });
    },
    trustReport: (query) => storedTrustReport({ store, siteTimeZone: deps.config.timeZone }, parse(TrustReportQuery, query, 'querystring')),
    sensorTrace: (sensor, query = {}) =>
      sensorTrace({ store, siteTimeZone: deps.config.timeZone, now: clock.now().getTime() }, sensor, parse(SensorTraceQuery, query, 'querystring')),
    useCaseTrustReport: (useCaseId, query = {}) => useCaseTrustReport(store, useCaseId, parse(UseCaseTrustReportQuery, query, 'querystring')),
    tickLiveTrust: () => live?.tick() ?? Promise.resolve([]),
    startLiveTrustTicks() {
      const seconds = deps.config.trustTickSeconds ?? DEFAULT_TICK_SECONDS;
      if (live === undefined || seconds === 0) return () => undefined;
      // A tick never throws (errors go to live trust's onError), and ticks queue behind batches.
      const every = setInterval(() => void live.tick(), seconds * 1000).unref();
      return () => clearInterval(every);
    },
  };
}
