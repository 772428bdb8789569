// Streaming scoring glue: stored readings into each enabled use case's row assembler, due rows through the prediction service.
import type { PredictResponse } from '@shopfloor/contracts';
import type { ReadingRow, Store, StreamingScoringRecord } from '../../store/index.js';
import { loadUseCase, type StoredUseCase } from '../../use-cases/index.js';
import type { PredictInput } from '../prediction-service.js';
import type { SensorHealthBoard } from '../sensor-health-board.js';
import { RowAssembler, type AssembledRow } from './row-assembler.js';
import { inputSensorKey, inputsOfSensor } from './sensor-inputs.js';

export interface StreamingScorerDeps {
  store: Store;
  /** The normal prediction service (logged, alerting, degraded path for untrusted sensors). */
  predict(useCaseId: string, req: PredictInput): Promise<PredictResponse>;
  /** The live health board serving reads: a row's sensor that is untrusted here is flagged by input name. */
  health?: SensorHealthBoard;
  /** A use case could not be loaded or a row could not be scored (logged by the caller); readings are stored all the same. */
  onError(error: unknown, useCaseId: string): void;
}

export interface StreamingScorerStats {
  scored: number;
  /** Rows complete but with an input older than maxAgeMs. */
  stale: number;
  failed: number;
}

export interface StreamingScorer {
  /** Feeds readings just stored; scores the rows they complete or update. Never throws. */
  observe(readings: readonly ReadingRow[]): Promise<void>;
  /** Settings changed: rebuilt on the next batch, the latest values seeded from the store. */
  reload(): void;
  stats(): StreamingScorerStats;
}

interface Stream {
  setting: StreamingScoringRecord;
  stored: StoredUseCase;
  assembler: RowAssembler;
  fillable: Set<string>;
  /** Sensor id -> inputs it fills (cached per sensor). */
  inputsOf: Map<string, string[]>;
}

function sameSetting(a: StreamingScoringRecord, b: StreamingScoringRecord): boolean {
  return a.updatedAt === b.updatedAt && a.intervalMs === b.intervalMs && a.maxAgeMs === b.maxAgeMs && JSON.stringify([a.sensors, a.constants]) === JSON.stringify([b.sensors, b.constants]);
}

/** One per facade. Batches are handled one after another, so the assemblers see readings in stored order. */
export function createStreamingScorer(deps: StreamingScorerDeps): StreamingScorer {
  /** null: reload on the next batch; `loaded` keeps the last set, so unchanged use cases keep their latest values. */
  let streams: Map<string, Stream> | null = null;
  let loaded = new Map<string, Stream>();
  const assets = new Map<string, string>();
  const stats: StreamingScorerStats = { scored: 0, stale: 0, failed: 0 };
  let chain: Promise<void> = Promise.resolve();

  async function load(): Promise<Map<string, Stream>> {
    if (streams !== null) return streams;
    const next = new Map<string, Stream>();
    const previous = loaded;
    for (const setting of await deps.store.streamingScoring.listEnabled()) {
      const kept = previous.get(setting.useCaseId);
      if (kept !== undefined && sameSetting(kept.setting, setting)) {
        next.set(setting.useCaseId, kept);
        continue;
      }
      try {
        const stored = await loadUseCase(deps.store, setting.useCaseId);
        const fillable = new Set(stored.useCase.inputs.map((i) => i.name).filter((n) => !(n in setting.constants)));
        const assembler = new RowAssembler([...fillable], setting.constants, setting);
        const stream: Stream = { setting, stored, assembler, fillable, inputsOf: new Map() };
        await seed(stream);
        next.set(setting.useCaseId, stream);
      } catch (e) {
        deps.onError(e, setting.useCaseId);
      }
    }
    loaded = next;
    streams = next;
    return next;
  }
  /** The latest stored reading of every sensor the stream maps, so a restart or a changed setting does not wait for every input again. */
  async function seed(stream: Stream): Promise<void> {
    for (const sensor of await deps.store.sensors.list()) {
      assets.set(sensor.spec.id, sensor.spec.asset);
      const inputs = inputsOfSensor(stream.stored.useCase, stream.setting.sensors, { id: sensor.spec.id, asset: sensor.spec.asset }, stream.fillable);
      stream.inputsOf.set(sensor.spec.id, inputs);
      if (inputs.length === 0) continue;
      const last = await deps.store.readings.recent(sensor.spec.id, 1, Number.MAX_SAFE_INTEGER);
      if (last.times.length === 0) continue;
      for (const input of inputs) stream.assembler.seed(sensor.spec.asset, input, { value: last.values[0]!, time: last.times[0]!, sensor: sensor.spec.id });
    }
  }

  async function assetsOf(ids: readonly string[]): Promise<void> {
    const missing = ids.filter((id) => !assets.has(id));
    if (missing.length === 0) return;
    for (const s of await deps.store.sensors.list(missing)) assets.set(s.spec.id, s.spec.asset);
  }

  /** Inputs whose value came from a sensor the board holds untrusted but that serving would not find by the input's own key. */
  function flagged(stream: Stream, row: AssembledRow): string[] {
    if (deps.health === undefined) return [];
    return stream.stored.useCase.inputs
      .filter((input) => {
        const sensor = row.sensors[input.name];
        return sensor !== undefined && sensor !== inputSensorKey(stream.stored.useCase, input) && deps.health!.get(sensor) === 'untrusted';
      })
      .map((input) => input.name);
  }

  async function score(stream: Stream, row: AssembledRow): Promise<void> {
    const untrusted = flagged(stream, row);
    try {
      await deps.predict(stream.setting.useCaseId, { row: row.row, entity: row.entity, ...(untrusted.length === 0 ? {} : { untrustedSensors: untrusted }) });
      stats.scored++;
    } catch (e) {
      stats.failed++;
      deps.onError(e, stream.setting.useCaseId);
    }
  }

  async function feed(readings: readonly ReadingRow[]): Promise<void> {
    const active = await load();
    if (active.size === 0 || readings.length === 0) return;
    await assetsOf([...new Set(readings.map((r) => r.sensor))]);
    for (const stream of active.values()) {
      for (const r of readings) {
        const asset = assets.get(r.sensor);
        if (asset === undefined) continue;
        let inputs = stream.inputsOf.get(r.sensor);
        if (inputs === undefined) stream.inputsOf.set(r.sensor, (inputs = inputsOfSensor(stream.stored.useCase, stream.setting.sensors, { id: r.sensor, asset }, stream.fillable)));
        for (const input of inputs) stream.assembler.update(asset, input, { value: r.value, time: r.time, sensor: r.sensor });
      }
      const due = stream.assembler.take();
      stats.stale += due.stale;
      for (const row of due.rows) await score(stream, row);
    }
  }

  return {
    observe(readings) {
      const run = chain.then(() => feed(readings)).catch((e: unknown) => deps.onError(e, '*'));
      chain = run;
      return run;
    },
    reload() {
      streams = null;
    },
    stats: () => ({ ...stats }),
  };
}
