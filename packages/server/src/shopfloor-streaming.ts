// The facade over streaming scoring: each use case's setting (read, changed with an audit entry) and the scorer fed by stored readings.
import type { z } from 'zod';
import { isShopfloorError, PutStreamingScoringRequest, ShopfloorError, validationError, type PredictResponse, type StreamingScoring, type User } from '@shopfloor/contracts';
import type { Clock } from './clock.js';
import type { Config } from './config.js';
import { createStreamingScorer, type PredictInput, type SensorHealthBoard, type StreamingScorer } from './serve/index.js';
import { newId, type ReadingRow, type Store, type StreamingScoringRecord } from './store/index.js';
import { loadUseCase } from './use-cases/index.js';

export interface StreamingFacade {
  /** The use case's setting, or the defaults (disabled) when never set; USE_CASE_NOT_FOUND. */
  get(useCaseId: string): Promise<StreamingScoring>;
  /** Replaces the setting (audited); USE_CASE_NOT_FOUND, STREAMING_INVALID naming the field, VALIDATION_FAILED. */
  put(actor: User, useCaseId: string, req: z.input<typeof PutStreamingScoringRequest>): Promise<StreamingScoring>;
  /** Readings just stored (the sensors facade calls this after live trust). Never throws. */
  observe(readings: readonly ReadingRow[]): Promise<void>;
  readonly scorer: StreamingScorer;
}

const DEFAULTS = PutStreamingScoringRequest.parse({ enabled: false });

function present(useCaseId: string, r: StreamingScoringRecord | null): StreamingScoring {
  if (r === null) return { useCaseId, ...DEFAULTS, updatedAt: null, updatedBy: null };
  return { useCaseId, enabled: r.enabled, intervalMs: r.intervalMs, maxAgeMs: r.maxAgeMs, sensors: r.sensors, constants: r.constants, updatedAt: r.updatedAt, updatedBy: r.updatedBy };
}

function invalid(field: string, message: string, inputs: readonly string[]): ShopfloorError {
  return new ShopfloorError('STREAMING_INVALID', `${field}: ${message}`, { field, inputs: inputs.slice(0, 100) });
}

export function createStreamingFacade(deps: {
  store: Store;
  clock: Clock;
  predict(useCaseId: string, req: PredictInput): Promise<PredictResponse>;
  health?: SensorHealthBoard;
  onError(error: unknown, useCaseId: string): void;
}): StreamingFacade {
  const { store, clock } = deps;
  const scorer = createStreamingScorer({ store, predict: deps.predict, ...(deps.health === undefined ? {} : { health: deps.health }), onError: deps.onError });
  return {
    scorer,
    async get(useCaseId) {
      await loadUseCase(store, useCaseId);
      return present(useCaseId, await store.streamingScoring.get(useCaseId));
    },
    async put(actor, useCaseId, req) {
      const parsed = PutStreamingScoringRequest.safeParse(req);
      if (!parsed.success) throw validationError('body', parsed.error.issues);
      const body = parsed.data;
      const { useCase } = await loadUseCase(store, useCaseId);
      const inputs = useCase.inputs.map((i) => i.name);
      for (const [sensor, input] of Object.entries(body.sensors)) {
        if (!inputs.includes(input)) throw invalid(`sensors["${sensor}"]`, `"${input}" is not an input of use case ${useCaseId}`, inputs);
        if (input in body.constants) throw invalid(`sensors["${sensor}"]`, `"${input}" is filled by a constant already`, inputs);
      }
      for (const input of Object.keys(body.constants)) {
        if (!inputs.includes(input)) throw invalid(`constants["${input}"]`, `"${input}" is not an input of use case ${useCaseId}`, inputs);
      }
      if (Object.keys(body.constants).length === inputs.length && body.enabled) throw invalid('constants', 'every input is a constant: no reading could ever change a row', inputs);
      const record: StreamingScoringRecord = { useCaseId, ...body, updatedAt: clock.now().toISOString(), updatedBy: actor.id };
      await store.transaction(async (tx) => {
        await tx.streamingScoring.put(record);
        await tx.audit.append({ id: newId('aud'), at: record.updatedAt, userId: actor.id, action: 'use-case.streaming', subject: `use-case:${useCaseId}`, details: { enabled: body.enabled, intervalMs: body.intervalMs, maxAgeMs: body.maxAgeMs } });
      });
      scorer.reload();
      return present(useCaseId, record);
    },
    observe: (readings) => scorer.observe(readings),
  };
}

/** A row that could not be scored (no champion yet, a level the model never saw...) is a warning line on stderr, as live trust's are. */
export function streamingErrorLogger(clock: Clock, config: Pick<Config, 'logLevel'>): (error: unknown, useCaseId: string) => void {
  return (error, useCaseId) => {
    if (config.logLevel === 'silent' || config.logLevel === 'fatal' || config.logLevel === 'error') return;
    const line = { level: 'warn', time: clock.now().toISOString(), msg: 'streaming scoring could not score a row', useCaseId, code: isShopfloorError(error) ? error.code : undefined, error: error instanceof Error ? error.message : String(error) };
    process.stderr.write(`${JSON.stringify(line)}\n`);
  };
}
