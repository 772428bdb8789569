// Serving's side of a deployment: who answers each row (champion, split, canary), then shadows, the champion's check on canary rows, and mirrors.
import { AsyncLocalStorage } from 'node:async_hooks';
import type { InputRow, Prediction, PredictionRole, PredictResponse, RolloutStats } from '@shopfloor/contracts';
import type { Clock } from '../../clock.js';
import type { RolloutConfig } from '../../config.js';
import type { Repositories } from '../../store/index.js';
import { createTtlCache } from '../../ttl-cache.js';
import type { ShadowResult } from '../log/prediction-log.js';
import type { ModelPrediction, PredictOptions, Predictor } from '../predictor.js';
import { assign, entityBucket, type Arm } from './assign.js';
import { createMirrorQueue, type MirrorQueue } from './mirror-queue.js';
import { createShadowRunner, type ShadowRunner } from './shadow-runner.js';
import { createWindowTally, type WindowTally } from './window-tally.js';

/** What one request needs from the deployment, read once per request. */
export interface DeploymentPlan {
  useCaseId: string;
  /** Splits first, the canary last: a growing canary takes entities from the champion, never from a split. */
  arms: (Arm & { role: 'split' | 'canary' })[];
  shadows: string[];
  mirrors: { url: string; share: number }[];
}

export interface RoutedRows {
  predictions: ModelPrediction[];
  roles: PredictionRole[];
}

export interface AfterAnswer {
  plan: DeploymentPlan;
  rows: readonly InputRow[];
  /** The request-level entity, if any (mirrors pass it on). */
  entity: string | undefined;
  response: PredictResponse;
  roles: readonly PredictionRole[] | undefined;
  championId: string;
  predictorOf: (modelVersionId: string) => Promise<Predictor>;
  /** Where shadow and mirror answers go (the prediction log's appendShadow). */
  sink: ((rows: ShadowResult[]) => void) | undefined;
}

export interface RolloutRuntime {
  readonly shadows: ShadowRunner;
  readonly mirror: MirrorQueue;
  readonly tally: WindowTally;
  /**
   * Null when the use case has no variants and no mirrors (the champion answers everything, nothing runs
   * after). Read from the store at most once a second per use case; changes made through this server
   * call `invalidate` and apply to the next request.
   */
  plan(useCaseId: string): Promise<DeploymentPlan | null>;
  invalidate(useCaseId: string): void;
  /** Answers every row with the version its entity is assigned to; a variant that fails leaves its rows to the champion (counted). */
  route(plan: DeploymentPlan, rows: readonly InputRow[], options: PredictOptions, entityOf: (row: InputRow) => string | null, champion: Predictor, predictorOf: (id: string) => Promise<Predictor>): Promise<RoutedRows>;
  /** Schedules shadows, the champion's scoring of canary rows and mirror copies; returns at once. */
  after(a: AfterAnswer): void;
  /** Runs `work` (a request's handling) as a mirrored copy: it is answered and shadowed, never mirrored on. */
  runAsMirrored(work: () => void): void;
  stats(): RolloutStats;
  /** Resolves when every scheduled shadow has run (loading its model included). */
  idle(): Promise<void>;
  close(): void;
}

export interface RolloutRuntimeOptions {
  /** Where deployments are read from. */
  repos: Repositories;
  clock: Clock;
  config: RolloutConfig;
  warn?: (message: string, detail: Record<string, unknown>) => void;
  /** Tests only: wraps the real predictor a shadow calls (to make it throw or stall); never used in production. */
  wrapShadow?: (modelVersionId: string, predict: Predictor['predict']) => Predictor['predict'];
  shadowQueue?: number;
  mirrorQueue?: number;
  mirrorConcurrency?: number;
}

/** How long a read deployment serves requests before it is read again (changes from another process). */
const PLAN_TTL_MS = 1000;

async function readPlan(repos: Repositories, useCaseId: string): Promise<DeploymentPlan | null> {
  const record = await repos.deployments.get(useCaseId);
  if (record === null || (record.variants.length === 0 && record.mirrors.length === 0)) return null;
  const live = record.variants.filter((v) => v.mode !== 'shadow');
  const arms = [...live.filter((v) => v.mode === 'split'), ...live.filter((v) => v.mode === 'canary')].map((v) => ({ key: v.modelVersionId, share: v.share ?? 0, role: v.mode as 'split' | 'canary' }));
  return { useCaseId, arms, shadows: record.variants.filter((v) => v.mode === 'shadow').map((v) => v.modelVersionId), mirrors: record.mirrors };
}

const SHADOW_OPTIONS: PredictOptions = { explain: false, topContributions: 0 };
const CHAMPION_CHECK = 'champion-check:';

export function createRolloutRuntime(opts: RolloutRuntimeOptions): RolloutRuntime {
  const { clock, config } = opts;
  const warn = opts.warn ?? (() => undefined);
  const shadows = createShadowRunner({ budgetMs: config.shadowBudgetMs, warn, ...(opts.shadowQueue === undefined ? {} : { maxQueue: opts.shadowQueue }) });
  const mirror = createMirrorQueue({ allow: config.mirrorAllow, token: config.mirrorToken, ...(opts.mirrorQueue === undefined ? {} : { maxQueue: opts.mirrorQueue }), ...(opts.mirrorConcurrency === undefined ? {} : { concurrency: opts.mirrorConcurrency }) });
  const tally = createWindowTally();
  const loading = new Set<Promise<void>>();
  const plans = createTtlCache((useCaseId) => readPlan(opts.repos, useCaseId), PLAN_TTL_MS);
  const mirrored = new AsyncLocalStorage<true>();

  function shadowRows(a: AfterAnswer, modelVersionId: string, indices: readonly number[], outputs: readonly (Prediction | null)[] | null, error: string | null, latencyMs: number, mode: 'shadow' | 'mirror'): ShadowResult[] {
    const at = clock.now().toISOString();
    return indices.map((i, k) => ({
      predictionId: a.response.predictions[i]!.predictionId,
      useCaseId: a.plan.useCaseId,
      modelVersionId,
      mode,
      output: outputs?.[k] ?? null,
      error,
      latencyMs,
      at,
    }));
  }

  /** Runs `modelVersionId` on the rows at `indices` after the answer; `compare` sees each row's output next to the answer given. */
  function scheduleShadow(a: AfterAnswer, key: string, modelVersionId: string, indices: number[], compare?: (i: number, output: ModelPrediction) => void): void {
    if (indices.length === 0) return; // a disabled shadow is refused (and counted as skipped) by the runner
    const rows = indices.map((i) => a.rows[i]!);
    const load: Promise<void> = a.predictorOf(modelVersionId).then(
      (predictor) => {
        const predict = opts.wrapShadow?.(modelVersionId, predictor.predict) ?? predictor.predict;
        shadows.schedule<ModelPrediction[]>({
          key,
          rows: rows.length,
          run: () => predict(rows, SHADOW_OPTIONS),
          done: (o) => {
            const outputs = o.output?.map((p, k) => ({ predictionId: a.response.predictions[indices[k]!]!.predictionId, ...p })) ?? null;
            if (o.output !== null && compare !== undefined) o.output.forEach((p, k) => compare(indices[k]!, p));
            a.sink?.(shadowRows(a, modelVersionId, indices, outputs, o.error, o.latencyMs, 'shadow'));
          },
        });
      },
      (e: unknown) => {
        const message = e instanceof Error ? e.message : String(e);
        warn(`shadow ${modelVersionId} could not be loaded: ${message}`, { modelVersionId });
        a.sink?.(shadowRows(a, modelVersionId, indices, null, message, 0, 'shadow'));
      },
    );
    loading.add(load);
    void load.finally(() => loading.delete(load));
  }

  function mirrorRequest(a: AfterAnswer, target: { url: string; share: number }): void {
    const first = a.entity ?? null;
    const draw = first === null ? Math.random() : entityBucket(`${target.url}\u0000${a.plan.useCaseId}`, first);
    if (draw >= target.share) return;
    const indices = a.rows.map((_, i) => i);
    mirror.send(target.url, { rows: a.rows, ...(a.entity === undefined ? {} : { entity: a.entity }) }, (reply) => {
      const answers = (reply.body as { predictions?: Prediction[] } | null)?.predictions;
      const ok = reply.error === null && Array.isArray(answers) && answers.length === a.rows.length;
      const model = ok ? (answers[0]?.model.id ?? target.url) : target.url;
      a.sink?.(shadowRows(a, model, indices, ok ? answers : null, ok ? null : (reply.error ?? 'the mirror answered something else than predictions'), reply.latencyMs, 'mirror'));
    });
  }

  return {
    shadows,
    mirror,
    tally,
    plan: (useCaseId) => plans.get(useCaseId),
    invalidate: (useCaseId) => plans.forget(useCaseId),
    async route(plan, rows, options, entityOf, champion, predictorOf) {
      const keys = rows.map((row) => assign(entityOf(row), plan.arms, plan.useCaseId));
      const predictions = new Array<ModelPrediction>(rows.length);
      const roles = new Array<PredictionRole>(rows.length).fill('champion');
      const groups = new Map<string | null, number[]>();
      keys.forEach((k, i) => {
        const group = groups.get(k);
        if (group === undefined) groups.set(k, [i]);
        else group.push(i);
      });
      const at = clock.now().getTime();
      for (const [key, indices] of groups) {
        const groupRows = indices.map((i) => rows[i]!);
        let answers: ModelPrediction[] | null = null;
        const arm = plan.arms.find((a) => a.key === key);
        if (key !== null && arm !== undefined) {
          // The canary's window counts its rows with the call's time per row (a batch of 500 rows is not 500 slow answers).
          const count = (latency: number, error: boolean) => {
            if (arm.role === 'canary') for (let k = 0; k < indices.length; k++) tally.answered(plan.useCaseId, key, at, latency / indices.length, error);
          };
          let started = performance.now();
          try {
            const variant = await predictorOf(key);
            started = performance.now();
            answers = variant.predict(groupRows, options);
            count(performance.now() - started, false);
            for (const i of indices) roles[i] = arm.role;
          } catch (e) {
            // The champion answers instead; a row the champion refuses too is a bad row, not the variant's failure.
            const fallback = champion.predict(groupRows, options);
            count(performance.now() - started, true);
            warn(`variant ${key} failed, the champion answered: ${e instanceof Error ? e.message : String(e)}`, { modelVersionId: key });
            answers = fallback;
          }
        }
        answers ??= champion.predict(groupRows, options);
        indices.forEach((i, k) => (predictions[i] = answers[k]!));
      }
      return { predictions, roles };
    },
    after(a) {
      for (const id of a.plan.shadows) scheduleShadow(a, id, id, a.rows.map((_, i) => i));
      const variantRows = (a.roles ?? []).flatMap((r, i) => (r === 'canary' || r === 'split' ? [i] : []));
      if (variantRows.length > 0) {
        // The champion scores the split and canary rows as a shadow, so agreement, flips and (once labelled)
        // cost are compared on the same rows, and the canary's disagreement rule has its evidence.
        const at = clock.now().getTime();
        scheduleShadow(a, `${CHAMPION_CHECK}${a.championId}`, a.championId, variantRows, (i, championAnswer) => {
          const given = a.response.predictions[i]!;
          tally.compared(a.plan.useCaseId, given.model.id, at, given.decision?.label === championAnswer.decision.label);
        });
      }
      if (mirrored.getStore() !== true) for (const target of a.plan.mirrors) mirrorRequest(a, target);
    },
    runAsMirrored: (work) => mirrored.run(true, work),
    stats: () => ({ shadow: shadows.stats(), mirror: mirror.stats() }),
    async idle() {
      while (loading.size > 0) await Promise.all([...loading]);
      await shadows.idle();
    },
    close: () => mirror.close(),
  };
}
