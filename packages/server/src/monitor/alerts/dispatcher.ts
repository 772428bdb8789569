// The alert dispatcher: turns served predictions whose decision acts (and drift beyond its band) into stored alerts, and hands them to every sink.
import type { Prediction } from '@shopfloor/contracts';
import type { Clock } from '../../clock.js';
import { newId, type NewAlert, type Repositories } from '../../store/index.js';
import { alertMessage, type AlertSink } from './alert-message.js';
import { createDeliveryQueue, type DeliveryOptions, type DeliveryQueue, type DeliveryStats } from './delivery-queue.js';

/** The part of a logged prediction an alert needs (serve/'s LoggedPrediction has it all). */
export interface ServedPrediction {
  id: string;
  useCaseId: string;
  entity: string | null;
  at: string;
  modelVersionId: string;
  output: Prediction;
}

export interface DispatcherStats {
  raised: number;
  /** Alerts the store refused (logged); they were still delivered. */
  storeFailures: number;
  /** Alerts dropped because too many waited to be stored (a stalled database). */
  dropped: number;
  sinks: DeliveryStats[];
}

export interface AlertDispatcher {
  /** Called by the facade after the log committed; returns at once, never throws, never waits for a sink. */
  onPredictions(rows: readonly ServedPrediction[]): void;
  /** Stores and delivers alerts raised elsewhere (drift); an open alert of the same use case and key is not raised twice. Resolves with those raised. */
  raise(alerts: readonly NewAlert[]): Promise<NewAlert[]>;
  stats(): DispatcherStats;
  /** Resolves once every alert handed over so far is stored and every sink queue is empty, or after timeoutMs (false). */
  flush(timeoutMs?: number): Promise<boolean>;
  close(): Promise<void>;
}

export interface AlertDispatcherDeps {
  store: Pick<Repositories, 'alerts'>;
  clock: Clock;
  sinks: readonly AlertSink[];
  delivery?: DeliveryOptions;
  /** Most alerts waiting to be stored; default 10,000. */
  pendingLimit?: number;
  onError?: (err: unknown, what: string) => void;
}

/** An alert for one served prediction whose decision acts; null when it does not act (or abstained). */
export function decisionAlert(p: ServedPrediction): NewAlert | null {
  const decision = p.output.decision;
  if (decision === null || !decision.act) return null;
  const score = p.output.score === null ? '' : ` (score ${p.output.score.toFixed(3)})`;
  const on = p.entity === null ? '' : ` on ${p.entity}`;
  return {
    id: newId('alr'),
    useCaseId: p.useCaseId,
    kind: 'decision',
    severity: 'critical',
    key: `decision:${p.id}`,
    at: p.at,
    entity: p.entity,
    predictionId: p.id,
    modelVersionId: p.modelVersionId,
    message: `${decision.label}${on}${score}, model v${p.output.model.version} via ${p.output.path}`,
    details: {
      decision: decision.label,
      score: p.output.score,
      expectedCost: decision.expectedCost,
      currency: decision.currency,
      path: p.output.path,
      model: p.output.model,
      degraded: p.output.degraded,
    },
  };
}

export function createAlertDispatcher(deps: AlertDispatcherDeps): AlertDispatcher {
  const { store } = deps;
  const queues: DeliveryQueue[] = deps.sinks.map((sink) =>
    createDeliveryQueue(sink, { ...deps.delivery, onError: deps.delivery?.onError ?? ((err) => deps.onError?.(err, sink.name)) }),
  );
  const pendingLimit = deps.pendingLimit ?? 10_000;
  const counts = { raised: 0, storeFailures: 0, dropped: 0 };
  let pending = 0;
  let writing: Promise<void> = Promise.resolve();

  function deliver(alerts: readonly NewAlert[]): void {
    for (const alert of alerts) {
      const message = alertMessage(alert);
      for (const q of queues) q.push(message);
    }
  }

  /** Stores then delivers, one batch after the other so stored order is raise order. */
  function storeAndDeliver(alerts: NewAlert[]): void {
    pending += alerts.length;
    counts.raised += alerts.length;
    writing = writing.then(async () => {
      try {
        await store.alerts.insertMany(alerts);
      } catch (err) {
        counts.storeFailures += alerts.length;
        deps.onError?.(err, 'storing alerts');
      } finally {
        pending -= alerts.length;
      }
      deliver(alerts);
    });
  }

  return {
    onPredictions(rows) {
      try {
        const alerts: NewAlert[] = [];
        for (const row of rows) {
          const alert = decisionAlert(row);
          if (alert !== null) alerts.push(alert);
        }
        if (alerts.length === 0) return;
        const room = Math.max(0, pendingLimit - pending);
        if (room < alerts.length) counts.dropped += alerts.length - room;
        if (room > 0) storeAndDeliver(alerts.slice(-room));
      } catch (err) {
        deps.onError?.(err, 'raising decision alerts');
      }
    },
    async raise(alerts) {
      const fresh: NewAlert[] = [];
      for (const alert of alerts) if ((await store.alerts.openWithKey(alert.useCaseId, alert.key)) === null) fresh.push(alert);
      if (fresh.length === 0) return [];
      await store.alerts.insertMany(fresh);
      counts.raised += fresh.length;
      deliver(fresh);
      return fresh;
    },
    stats: () => ({ ...counts, sinks: queues.map((q) => q.stats()) }),
    async flush(timeoutMs = 5000) {
      const started = deps.clock.now().getTime();
      await writing;
      const left = Math.max(0, timeoutMs - (deps.clock.now().getTime() - started));
      const drained = await Promise.all(queues.map((q) => q.drain(left)));
      return drained.every(Boolean);
    },
    async close() {
      await writing;
      await Promise.all(queues.map((q) => q.close()));
    },
  };
}
