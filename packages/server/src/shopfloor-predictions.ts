// The programmatic facade over the prediction log: queries, feedback, flagged rows to edge-case sets, and retention.
import type { z } from 'zod';
import {
  EntityOutcomeRequest,
  FeedbackToSetRequest,
  MAX_PREDICTION_PAGE,
  OutcomeRequest,
  OverrideRequest,
  VerdictRequest,
  validationError,
  type AppendEvaluationSetResponse,
  type EntityOutcomeResponse,
  type ListPredictionsQuery,
  type PredictionDetail,
  type PredictionFeedback,
  type PredictionPage,
  type User,
} from '@shopfloor/contracts';
import type { Clock } from './clock.js';
import { appendFlaggedToSet, recordEntityOutcome, recordOutcome, recordOverride, recordVerdict } from './monitor/index.js';
import { listPredictions, predictionDetail, type PredictionLog } from './serve/index.js';
import type { PruneCounts, Store } from './store/index.js';

export const DEFAULT_PREDICTION_RETENTION_DAYS = 90;
const DAY_MS = 86_400_000;
const DEFAULT_PAGE = 50;
/** How often the server removes predictions past the retention period, and how soon after start it first does. */
const PRUNE_EVERY_MS = 3_600_000;
const FIRST_PRUNE_AFTER_MS = 60_000;

export interface PredictionLogFacade {
  readonly log: PredictionLog;
  /** Newest first (a parsed query: limit 50 when unset, at most 500); USE_CASE_NOT_FOUND, PREDICTION_CURSOR_INVALID. */
  list(useCaseId: string, query?: Partial<ListPredictionsQuery>): Promise<PredictionPage>;
  /** With shadow answers and feedback; PREDICTION_NOT_FOUND. */
  get(predictionId: string): Promise<PredictionDetail>;
  /** PREDICTION_NOT_FOUND. */
  verdict(actor: User, predictionId: string, req: z.input<typeof VerdictRequest>): Promise<PredictionFeedback>;
  /** PREDICTION_NOT_FOUND, FEEDBACK_INVALID. */
  outcome(actor: User, predictionId: string, req: z.input<typeof OutcomeRequest>): Promise<PredictionFeedback>;
  /** PREDICTION_NOT_FOUND, FEEDBACK_INVALID. */
  override(actor: User, predictionId: string, req: z.input<typeof OverrideRequest>): Promise<PredictionFeedback>;
  /** A late outcome by entity and time; USE_CASE_NOT_FOUND, FEEDBACK_INVALID, FEEDBACK_NO_MATCH. */
  entityOutcome(actor: User, useCaseId: string, req: z.input<typeof EntityOutcomeRequest>): Promise<EntityOutcomeResponse>;
  /** Flagged predictions into edge-case set `name`; USE_CASE_NOT_FOUND, FEEDBACK_NOTHING_FLAGGED, EVALUATION_SET_INVALID. */
  toEdgeSet(actor: User, useCaseId: string, name: string, req?: z.input<typeof FeedbackToSetRequest>): Promise<AppendEvaluationSetResponse>;
  /** Removes what is older than the retention period now; null when retention is 0 (keep for good). */
  pruneExpired(): Promise<PruneCounts | null>;
  /** Prunes a minute after the call and then every hour, until the returned stop is called. */
  startRetention(onResult: (err: unknown, counts: PruneCounts | null) => void): () => void;
}

function parse<S extends z.ZodType>(schema: S, value: unknown, part: string): z.output<S> {
  const result = schema.safeParse(value);
  if (!result.success) throw validationError(part, result.error.issues);
  return result.data;
}

export function createPredictionLogFacade(deps: { store: Store; clock: Clock; log: PredictionLog; retentionDays?: number | undefined }): PredictionLogFacade {
  const { store, clock, log } = deps;
  const retentionDays = deps.retentionDays ?? DEFAULT_PREDICTION_RETENTION_DAYS;
  async function pruneExpired(): Promise<PruneCounts | null> {
    if (retentionDays === 0) return null;
    return log.prune(new Date(clock.now().getTime() - retentionDays * DAY_MS));
  }
  return {
    log,
    list: (useCaseId, query = {}) => listPredictions(store, useCaseId, { ...query, limit: Math.min(query.limit ?? DEFAULT_PAGE, MAX_PREDICTION_PAGE) }),
    get: (predictionId) => predictionDetail(store, predictionId),
    verdict: (actor, id, req) => recordVerdict({ store, clock }, actor, id, parse(VerdictRequest, req, 'body')),
    outcome: (actor, id, req) => recordOutcome({ store, clock }, actor, id, parse(OutcomeRequest, req, 'body')),
    override: (actor, id, req) => recordOverride({ store, clock }, actor, id, parse(OverrideRequest, req, 'body')),
    entityOutcome: (actor, useCaseId, req) => recordEntityOutcome({ store, clock }, actor, useCaseId, parse(EntityOutcomeRequest, req, 'body')),
    toEdgeSet: (actor, useCaseId, name, req = {}) => appendFlaggedToSet({ store, clock }, actor, useCaseId, name, parse(FeedbackToSetRequest, req, 'body')),
    pruneExpired,
    startRetention(onResult) {
      const run = () => void pruneExpired().then((counts) => onResult(null, counts), (err: unknown) => onResult(err, null));
      const first = setTimeout(run, FIRST_PRUNE_AFTER_MS).unref();
      const every = setInterval(run, PRUNE_EVERY_MS).unref();
      return () => {
        clearTimeout(first);
        clearInterval(every);
      };
    },
  };
}
