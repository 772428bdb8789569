// The facade's deployment part: variants, mirrors, promotion with approvals, rollback, events, verdicts, and the canary controller's timer.
import type { z } from 'zod';
import {
  ApproveRequest,
  DeploymentVerdictQuery,
  PromoteRequest,
  RollbackRequest,
  SetDeploymentRequest,
  ShopfloorError,
  validationError,
  type Deployment,
  type DeploymentEvents,
  type DeploymentVerdict,
  type PromoteResponse,
  type RolloutStats,
  type User,
} from '@shopfloor/contracts';
import type { Clock } from './clock.js';
import { DEFAULT_ROLLOUT, type Config, type LogLevel } from './config.js';
import { championId, resolveModelRef } from './registry/index.js';
import {
  approve,
  createRolloutRuntime,
  deploymentEvents,
  promote,
  readDeployment,
  rollback,
  runCanary,
  setDeployment,
  verdict,
  verdictRows,
  type CanaryRun,
  type RolloutRuntime,
  type RolloutRuntimeOptions,
} from './serve/index.js';
import type { Store } from './store/index.js';
import { loadUseCase } from './use-cases/index.js';

/** Every method answers USE_CASE_NOT_FOUND for an unknown use case and MODEL_NO_CHAMPION before the first champion. */
export interface DeploymentsFacade {
  /** What serving consults per request (assignment, shadows, mirrors) and their counters. */
  readonly runtime: RolloutRuntime;
  get(useCaseId: string): Promise<Deployment>;
  /** DEPLOYMENT_INVALID, DEPLOYMENT_MIRROR_NOT_ALLOWED, DEPLOYMENT_CONFLICT, MODEL_NOT_FOUND, MODEL_REF_INVALID, AUTH_ROLE_TOO_WEAK. */
  set(actor: User, useCaseId: string, req: z.input<typeof SetDeploymentRequest>): Promise<Deployment>;
  /** `promoted: false` with a pending approval when a second engineer must approve. */
  promote(actor: User, useCaseId: string, req: z.input<typeof PromoteRequest>): Promise<PromoteResponse>;
  /** DEPLOYMENT_APPROVAL_NOT_FOUND, DEPLOYMENT_APPROVAL_CLOSED, DEPLOYMENT_APPROVAL_SELF. */
  approve(actor: User, useCaseId: string, approvalId: string, req?: z.input<typeof ApproveRequest>): Promise<PromoteResponse>;
  /** DEPLOYMENT_NOTHING_TO_ROLL_BACK. */
  rollback(actor: User, useCaseId: string, req: z.input<typeof RollbackRequest>): Promise<Deployment>;
  events(useCaseId: string): Promise<DeploymentEvents>;
  /** DEPLOYMENT_NOT_DEPLOYED when the model is the champion itself. */
  verdict(useCaseId: string, query: z.input<typeof DeploymentVerdictQuery>): Promise<DeploymentVerdict>;
  /** Runs the canary controller now for one use case (null: it has no canary), or for every use case. */
  evaluateCanary(useCaseId: string): Promise<CanaryRun | null>;
  evaluateCanaries(): Promise<CanaryRun[]>;
  /** Runs evaluateCanaries every SHOPFLOOR_CANARY_INTERVAL_S seconds until the returned stop is called. */
  startCanaryTimer(onError: (err: unknown) => void): () => void;
  stats(): RolloutStats;
  /** Lets queued shadows finish (at most a few seconds), then stops mirroring. */
  close(): Promise<void>;
}

function parse<S extends z.ZodType>(schema: S, value: unknown, part: string): z.output<S> {
  const result = schema.safeParse(value);
  if (!result.success) throw validationError(part, result.error.issues);
  return result.data;
}

const DAY_MS = 86_400_000;
const WARN_LEVELS: readonly LogLevel[] = ['trace', 'debug', 'info', 'warn'];
/** A failing shadow fails on every request: its warning is repeated at most once a minute. */
const WARN_EVERY_MS = 60_000;

/** Warnings as JSON lines on stderr (as the robustness facade writes them), one per shadow or mirror a minute. */
function stderrWarn(level: LogLevel, clock: Clock): (message: string, detail: Record<string, unknown>) => void {
  const last = new Map<string, number>();
  return (message, detail) => {
    if (!WARN_LEVELS.includes(level)) return;
    const key = message.split(':')[0]!; // "shadow mv_x failed", "shadow mv_x disabled": one line of each a minute
    const now = performance.now();
    if (now - (last.get(key) ?? -Infinity) < WARN_EVERY_MS) return;
    last.set(key, now);
    process.stderr.write(`${JSON.stringify({ level: 'warn', time: clock.now().toISOString(), msg: message, ...detail })}\n`);
  };
}
/** How long closing waits for queued shadows, so a short CLI run still logs them. */
const CLOSE_WAIT_MS = 5000;

export interface DeploymentsFacadeDeps {
  store: Store;
  clock: Clock;
  config: Config;
  warn?: (message: string, detail: Record<string, unknown>) => void;
  /** Told after every deployment change of a use case (a promotion or a canary's last step moves its champion). */
  onChange?: (useCaseId: string) => void;
}

export function createDeploymentsFacade(deps: DeploymentsFacadeDeps): DeploymentsFacade {
  const { store, clock } = deps;
  const rollout = deps.config.rollout ?? DEFAULT_ROLLOUT;
  const options: RolloutRuntimeOptions = { repos: store, clock, config: rollout, warn: deps.warn ?? stderrWarn(deps.config.logLevel, clock) };
  if (rollout.shadowQueue !== undefined) options.shadowQueue = rollout.shadowQueue;
  if (rollout.mirrorQueue !== undefined) options.mirrorQueue = rollout.mirrorQueue;
  if (rollout.mirrorConcurrency !== undefined) options.mirrorConcurrency = rollout.mirrorConcurrency;
  if (rollout.wrapShadow !== undefined) options.wrapShadow = rollout.wrapShadow as unknown as NonNullable<RolloutRuntimeOptions['wrapShadow']>;
  const created = createRolloutRuntime(options);
  const onChange = deps.onChange;
  const runtime: RolloutRuntime = onChange === undefined ? created : { ...created, invalidate: (useCaseId) => (created.invalidate(useCaseId), onChange(useCaseId)) };
  const stage = { store, clock, rollout };
  const disabled = (id: string) => runtime.shadows.disabledReason(id);
  /** A changed deployment gets a fresh start: shadows it names may run again, a new canary counts from nothing. */
  const refreshed = <T extends Deployment>(d: T): T => {
    runtime.invalidate(d.useCaseId);
    for (const v of d.variants) {
      if (v.mode === 'shadow') runtime.shadows.enable(v.model.id);
      if (v.canary !== undefined && v.canary.step === 0 && v.canary.note === 'started') runtime.tally.reset(d.useCaseId, v.model.id);
    }
    return d;
  };
  const facade: DeploymentsFacade = {
    runtime,
    async get(useCaseId) {
      await loadUseCase(store, useCaseId);
      return readDeployment(store, useCaseId, rollout, disabled);
    },
    async set(actor, useCaseId, req) {
      await loadUseCase(store, useCaseId);
      return refreshed(await setDeployment(stage, actor, useCaseId, parse(SetDeploymentRequest, req, 'body')));
    },
    async promote(actor, useCaseId, req) {
      await loadUseCase(store, useCaseId);
      const r = await promote(stage, actor, useCaseId, parse(PromoteRequest, req, 'body'));
      runtime.invalidate(useCaseId);
      return r;
    },
    async approve(actor, useCaseId, approvalId, req = {}) {
      await loadUseCase(store, useCaseId);
      const r = await approve(stage, actor, useCaseId, approvalId, parse(ApproveRequest, req, 'body'));
      runtime.invalidate(useCaseId);
      return r;
    },
    async rollback(actor, useCaseId, req) {
      await loadUseCase(store, useCaseId);
      const d = await rollback(stage, actor, useCaseId, parse(RollbackRequest, req, 'body'));
      runtime.invalidate(useCaseId); // shadows stay as they were (a disabled one stays disabled)
      return d;
    },
    async events(useCaseId) {
      await loadUseCase(store, useCaseId);
      return deploymentEvents(store, useCaseId);
    },
    async verdict(useCaseId, query) {
      const stored = await loadUseCase(store, useCaseId);
      const q = parse(DeploymentVerdictQuery, query, 'querystring');
      // `to` is exclusive; by default it is just after now, so what was answered this millisecond counts.
      const to = q.to === undefined ? new Date(clock.now().getTime() + 1) : new Date(q.to);
      const from = q.from === undefined ? new Date(to.getTime() - DAY_MS) : new Date(q.from);
      if (from.getTime() >= to.getTime()) throw validationError('querystring', [{ path: ['from'], message: '`from` must be before `to`', code: 'custom' }]);
      const champion = await championId(store, useCaseId);
      const target = await resolveModelRef(store, useCaseId, q.model, 'model');
      if (target.id === champion) throw new ShopfloorError('DEPLOYMENT_NOT_DEPLOYED', `v${target.version} is the champion: a verdict judges a shadow or challenger against it`, { field: 'model', useCaseId });
      const championRecord = (await store.modelVersions.get(champion))!;
      const rows = await verdictRows(store, useCaseId, champion, target.id, from.toISOString(), to.toISOString());
      return verdict({
        useCaseId,
        model: { id: target.id, version: target.version },
        champion: { id: champion, version: championRecord.version },
        from: from.toISOString(),
        to: to.toISOString(),
        costs: stored.useCase.costs,
        classes: stored.useCase.classes,
        rows,
      });
    },
    async evaluateCanary(useCaseId) {
      await loadUseCase(store, useCaseId);
      const run = await runCanary(stage, runtime.tally, useCaseId);
      runtime.invalidate(useCaseId);
      return run;
    },
    async evaluateCanaries() {
      const runs: CanaryRun[] = [];
      for (const record of await store.deployments.list()) {
        if (!record.variants.some((v) => v.mode === 'canary')) continue;
        const run = await runCanary(stage, runtime.tally, record.useCaseId);
        runtime.invalidate(record.useCaseId);
        if (run !== null) runs.push(run);
      }
      return runs;
    },
    startCanaryTimer(onError) {
      if (rollout.canaryIntervalSeconds === 0) return () => undefined;
      let running = false;
      const timer = setInterval(() => {
        if (running) return;
        running = true;
        facade.evaluateCanaries().then(
          () => (running = false),
          (err: unknown) => {
            running = false;
            onError(err);
          },
        );
      }, rollout.canaryIntervalSeconds * 1000);
      timer.unref();
      return () => clearInterval(timer);
    },
    stats: () => runtime.stats(),
    async close() {
      let timer: NodeJS.Timeout | undefined;
      const limit = new Promise<void>((resolve) => (timer = setTimeout(resolve, CLOSE_WAIT_MS)));
      await Promise.race([runtime.idle(), limit]).finally(() => clearTimeout(timer));
      runtime.close();
    },
  };
  return facade;
}
