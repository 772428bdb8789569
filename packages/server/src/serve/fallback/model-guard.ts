// Guards the champion: its load raced against a budget, each call timed and any non-input error turned into the model-error trigger.
import { isShopfloorError } from '@shopfloor/contracts';
import type { Predictor } from '../predictor.js';

export type ModelTriggerCode = 'MODEL_ERROR' | 'MODEL_TIMEOUT';

/** Why the champion cannot answer this request, in plant words. */
export interface ModelTrigger {
  code: ModelTriggerCode;
  message: string;
}

/** Thrown by a guarded predictor instead of a model error, so the service can take the model chain. */
export class ModelFailure extends Error {
  override readonly name = 'ModelFailure';
  constructor(readonly trigger: ModelTrigger) {
    super(trigger.message);
  }
}

/**
 * Input errors stay the caller's problem (400 with their code): any ShopfloorError with a 4xx status
 * (PREDICT_FEATURE_MISSING, PREDICT_FEATURE_TYPE, ...). Everything else a model throws is the model's.
 */
export function isInputError(e: unknown): boolean {
  return isShopfloorError(e) && e.status < 500;
}

function messageOf(e: unknown): string {
  return e instanceof Error ? e.message : String(e);
}

/**
 * The budget of one call: `modelTimeoutMs` per started 1,000 rows (a 10,000-row batch is not one slow
 * answer), or per started 250 explained rows (TreeSHAP costs tens of predictions per row).
 */
export const ROWS_PER_BUDGET = 1000;
export const EXPLAINED_ROWS_PER_BUDGET = 250;
export function callBudgetMs(modelTimeoutMs: number, rows: number, explain = false): number {
  return modelTimeoutMs * Math.max(1, Math.ceil(rows / (explain ? EXPLAINED_ROWS_PER_BUDGET : ROWS_PER_BUDGET)));
}

/**
 * Versions marked slow, until a cool-down ends. A synchronous predict cannot be interrupted, so a call
 * over its budget still returns its answer; the mark sends the requests after it down the model-timeout
 * chain until the cool-down ends, when the champion gets its next chance. Times are in ms on one clock.
 */
export interface SlowMarks {
  /** Marks `versionId` slow until now + coolDown when elapsed > budget; says whether it did. */
  record(versionId: string, elapsedMs: number, budgetMs: number, nowMs: number): boolean;
  /** The mark of a version still cooling down, or null. */
  slow(versionId: string, nowMs: number): { elapsedMs: number; budgetMs: number; untilMs: number } | null;
}

export function createSlowMarks(coolDownMs: number): SlowMarks {
  const marks = new Map<string, { elapsedMs: number; budgetMs: number; untilMs: number }>();
  return {
    record(versionId, elapsedMs, budgetMs, nowMs) {
      if (!(elapsedMs > budgetMs)) return false;
      marks.set(versionId, { elapsedMs, budgetMs, untilMs: nowMs + coolDownMs });
      return true;
    },
    slow(versionId, nowMs) {
      const mark = marks.get(versionId);
      if (mark === undefined) return null;
      if (nowMs >= mark.untilMs) {
        marks.delete(versionId);
        return null;
      }
      return mark;
    },
  };
}

/** Resolves with the value, or with 'timeout' when `ms` passes first (the load goes on and fills the caches). */
export async function within<T>(promise: Promise<T>, ms: number): Promise<T | 'timeout'> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<'timeout'>((resolve) => {
    timer = setTimeout(() => resolve('timeout'), ms);
  });
  try {
    return await Promise.race([promise, timeout]);
  } finally {
    clearTimeout(timer);
  }
}

export interface ModelGuardOptions {
  /** Budget of loading and compiling one version (artifact read, parse, feature mapping); default 5 s. */
  loadTimeoutMs: number;
  /** How long a version over its call budget stays marked slow; default 30 s. */
  coolDownMs: number;
  /** Monotonic ms. */
  now: () => number;
  /** CPU time this process has used, in ms (process.cpuUsage). */
  cpuNow: () => number;
}

export const DEFAULT_LOAD_TIMEOUT_MS = 5000;
export const DEFAULT_COOL_DOWN_MS = 30_000;
/** The CPU clock is read at most once per this many ms of wall time before calls (see createModelGuard). */
const CPU_SAMPLE_MS = 1;

export interface ModelGuard {
  /** The version's predictor, or the trigger: marked slow, a load over budget, or a load that failed. */
  load(versionId: string, load: () => Promise<Predictor>): Promise<Predictor | ModelTrigger>;
  /** The predictor with every call timed against `modelTimeoutMs`; a model error is thrown as ModelFailure. */
  guard(versionId: string, predictor: Predictor, modelTimeoutMs: number): Predictor;
}

function cpuMs(): number {
  const used = process.cpuUsage();
  return (used.user + used.system) / 1000;
}

export function isModelTrigger(x: Predictor | ModelTrigger): x is ModelTrigger {
  return 'code' in x;
}

export function createModelGuard(options: Partial<ModelGuardOptions> = {}): ModelGuard {
  const loadTimeoutMs = options.loadTimeoutMs ?? DEFAULT_LOAD_TIMEOUT_MS;
  const now = options.now ?? (() => performance.now());
  const cpuNow = options.cpuNow ?? cpuMs;
  const marks = createSlowMarks(options.coolDownMs ?? DEFAULT_COOL_DOWN_MS);
  // Versions loaded once are served from the caller's cache: no timer on the hot path of every request.
  const loadedOnce = new Set<string>();
  // The first call of a version in each mode (plain, explained) is not timed: it pays for the JIT compiling its code paths.
  const warmed = new Set<string>();
  // process.cpuUsage() sums every thread of the process (getrusage): with a server's threads it costs more
  // than a tree walk, so it is read at most once per CPU_SAMPLE_MS of wall time before a call, and after a
  // call only when the call ran over budget in wall time. A start sample up to 1 ms old can count CPU spent
  // just before the call, so a call within about 1 ms of its budget in CPU time may be marked slow.
  let cpuSample = { atMs: -Infinity, cpuMs: 0 };
  return {
    async load(versionId, load) {
      const mark = marks.slow(versionId, now());
      if (mark !== null) {
        return { code: 'MODEL_TIMEOUT', message: `model ${versionId} took ${Math.round(mark.elapsedMs)} ms for a call with a budget of ${mark.budgetMs} ms: it is skipped for ${Math.ceil((mark.untilMs - now()) / 1000)} s more` };
      }
      try {
        const loaded = loadedOnce.has(versionId) ? await load() : await within(load(), loadTimeoutMs);
        if (loaded === 'timeout') return { code: 'MODEL_TIMEOUT', message: `model ${versionId} did not load within ${loadTimeoutMs} ms` };
        loadedOnce.add(versionId);
        return loaded;
      } catch (e) {
        // Whatever stops a version from loading (artifact missing or corrupt, its record gone) is the model's error, not the caller's.
        return { code: 'MODEL_ERROR', message: `model ${versionId} cannot be loaded: ${messageOf(e)}` };
      }
    },
    guard(versionId, predictor, modelTimeoutMs) {
      return {
        reader: predictor.reader,
        decisionRule: predictor.decisionRule,
        predict(rows, options) {
          const started = now();
          if (started - cpuSample.atMs >= CPU_SAMPLE_MS) cpuSample = { atMs: started, cpuMs: cpuNow() };
          const cpuStarted = cpuSample.cpuMs;
          let answers;
          try {
            answers = predictor.predict(rows, options);
          } catch (e) {
            if (isInputError(e)) throw e;
            throw new ModelFailure({ code: 'MODEL_ERROR', message: `model ${versionId} failed while predicting: ${messageOf(e)}` });
          }
          const finished = now();
          const mode = `${versionId}:${options.explain}`;
          if (!warmed.has(mode)) {
            warmed.add(mode);
            return answers;
          }
          // The answer is returned however long it took (the call could not be stopped); later requests skip this
          // version. Slow means over budget in wall time and in CPU time: a call only descheduled on a busy machine
          // is the machine's problem, not the model's, and switching versions would not help.
          const budgetMs = callBudgetMs(modelTimeoutMs, rows.length, options.explain);
          const wallMs = finished - started;
          if (wallMs > budgetMs) marks.record(versionId, Math.min(wallMs, cpuNow() - cpuStarted), budgetMs, finished);
          return answers;
        },
      };
    },
  };
}
