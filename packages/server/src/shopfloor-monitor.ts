// The programmatic facade over monitoring: drift and live performance reports, alerts (raised, delivered, acknowledged) and batch scoring.
import type { z } from 'zod';
import {
  AcknowledgeAlertRequest,
  ListAlertsQuery,
  MonitorWindowQuery,
  ScoreRequest,
  validationError,
  type Alert,
  type AlertList,
  type DriftReport,
  type PerformanceReport,
  type PredictResponse,
  type ScoreResponse,
  type User,
} from '@shopfloor/contracts';
import type { Clock } from './clock.js';
import { DEFAULT_ALERTS, type Config } from './config.js';
import {
  acknowledgeAlert,
  alertingLog,
  createAlertDispatcher,
  createDriftService,
  driftAlerts,
  listAlerts,
  livePerformance,
  mqttSink,
  presentAlert,
  scoreDataset,
  webhookSink,
  type AlertDispatcher,
  type AlertSink,
} from './monitor/index.js';
import type { PredictInput } from './serve/index.js';
import type { Store } from './store/index.js';

export { alertingLog };

/** What a periodic drift check looks at: the last day of traffic. */
const DRIFT_CHECK_WINDOW_MS = 86_400_000;

export interface MonitorFacade {
  readonly alerts: AlertDispatcher;
  /** USE_CASE_NOT_FOUND, MODEL_NO_CHAMPION, MONITOR_WINDOW_INVALID, MONITOR_NO_REFERENCE, VALIDATION_FAILED. */
  drift(useCaseId: string, query?: z.input<typeof MonitorWindowQuery>): Promise<DriftReport>;
  /** The drift report, with an alert raised for every input or prediction series whose status is drift (once while open). */
  checkDrift(useCaseId: string, query?: z.input<typeof MonitorWindowQuery>): Promise<{ report: DriftReport; raised: Alert[] }>;
  /** USE_CASE_NOT_FOUND, MONITOR_WINDOW_INVALID. */
  performance(useCaseId: string, query?: z.input<typeof MonitorWindowQuery>): Promise<PerformanceReport>;
  /** USE_CASE_NOT_FOUND. */
  listAlerts(useCaseId: string, query?: z.input<typeof ListAlertsQuery>): Promise<AlertList>;
  /** Records who, when and the note, with an audit entry; ALERT_NOT_FOUND, ALERT_ALREADY_ACKNOWLEDGED. */
  acknowledgeAlert(actor: User, alertId: string, req?: z.input<typeof AcknowledgeAlertRequest>): Promise<Alert>;
  /** Scores a stored dataset version (or part of it) through the prediction service; every row is logged. */
  score(useCaseId: string, req: z.input<typeof ScoreRequest>): Promise<ScoreResponse>;
  /** The newest drift report of each use case computed by this process (drift or checkDrift), for the metrics. */
  latestDrift(): readonly DriftReport[];
  /** Open alerts per use case and kind, for the metrics. */
  openAlerts(): Promise<{ useCaseId: string; kind: string; count: number }[]>;
  /** Checks every use case with a champion every `driftCheckMinutes` (config), until the returned stop is called. */
  startDriftChecks(onResult: (err: unknown, useCaseId: string, raised: number) => void): () => void;
  close(): Promise<void>;
}

function parse<S extends z.ZodType>(schema: S, value: unknown, part: string): z.output<S> {
  const result = schema.safeParse(value);
  if (!result.success) throw validationError(part, result.error.issues);
  return result.data;
}

/** The sinks the config names: one webhook per URL, and the MQTT broker when set. */
export function configuredSinks(config: Config): AlertSink[] {
  const alerts = config.alerts ?? DEFAULT_ALERTS;
  return [...alerts.webhooks.map((url) => webhookSink(url)), ...(alerts.mqttUrl === undefined ? [] : [mqttSink(alerts.mqttUrl)])];
}

/** The dispatcher of this process: the configured sinks behind bounded queues; failures go to onError (the log). */
export function createConfiguredDispatcher(store: Store, clock: Clock, config: Config, onError?: (err: unknown, what: string) => void): AlertDispatcher {
  return createAlertDispatcher({ store, clock, sinks: configuredSinks(config), ...(onError === undefined ? {} : { onError }) });
}

export interface MonitorFacadeDeps {
  store: Store;
  clock: Clock;
  config: Config;
  /** The alert dispatcher the prediction log reports to (shopfloor.ts makes it before the log). */
  alerts: AlertDispatcher;
  predict(useCaseId: string, req: PredictInput): Promise<PredictResponse>;
}

export function createMonitorFacade(deps: MonitorFacadeDeps): MonitorFacade {
  const { store, clock, config, alerts } = deps;
  const drifts = createDriftService(store, clock);
  const latest = new Map<string, DriftReport>();

  async function drift(useCaseId: string, query: z.input<typeof MonitorWindowQuery> = {}): Promise<DriftReport> {
    const report = await drifts.drift(useCaseId, parse(MonitorWindowQuery, query, 'querystring'));
    latest.set(useCaseId, report);
    return report;
  }

  async function checkDrift(useCaseId: string, query: z.input<typeof MonitorWindowQuery> = {}) {
    const report = await drift(useCaseId, query);
    const raised = await alerts.raise(driftAlerts(report, clock.now().toISOString()));
    return { report, raised: raised.map((a) => presentAlert({ ...a, acknowledged: null })) };
  }

  return {
    alerts,
    drift,
    checkDrift,
    performance: (useCaseId, query = {}) => livePerformance(store, clock, useCaseId, parse(MonitorWindowQuery, query, 'querystring')),
    listAlerts: (useCaseId, query = {}) => listAlerts(store, useCaseId, parse(ListAlertsQuery, query, 'querystring')),
    acknowledgeAlert: (actor, alertId, req = {}) => acknowledgeAlert({ store, clock }, actor, alertId, parse(AcknowledgeAlertRequest, req, 'body')),
    score: (useCaseId, req) => scoreDataset({ repos: store, predict: deps.predict }, useCaseId, parse(ScoreRequest, req, 'body')),
    latestDrift: () => [...latest.values()],
    openAlerts: () => store.alerts.countOpen(),
    startDriftChecks(onResult) {
      const minutes = (config.alerts ?? DEFAULT_ALERTS).driftCheckMinutes;
      if (minutes === 0) return () => undefined;
      const run = async () => {
        const useCases = await store.useCases.list().catch(() => []);
        for (const { id } of useCases) {
          if ((await store.modelAliases.get(id, 'champion').catch(() => null)) === null) continue;
          const to = clock.now();
          await checkDrift(id, { from: new Date(to.getTime() - DRIFT_CHECK_WINDOW_MS).toISOString(), to: to.toISOString() }).then(
            ({ raised }) => onResult(null, id, raised.length),
            (err: unknown) => onResult(err, id, 0),
          );
        }
      };
      const every = setInterval(() => void run(), minutes * 60_000).unref();
      return () => clearInterval(every);
    },
    async close() {
      drifts.clear();
      await alerts.close();
    },
  };
}
