// Prometheus metrics on a registry of this app's own: request count and duration by route and status, plus defaults.
import { collectDefaultMetrics, Counter, Gauge, Histogram, Registry } from 'prom-client';
import type { DriftReport } from '@shopfloor/contracts';
import type { DispatcherStats } from '../monitor/index.js';
import type { AppInstance } from './types.js';

export function installMetrics(app: AppInstance): Registry {
  const registry = new Registry();
  collectDefaultMetrics({ register: registry });
  const labelNames = ['method', 'route', 'status'] as const;
  const requests = new Counter({
    name: 'shopfloor_http_requests_total',
    help: 'HTTP requests answered, by method, route pattern and status code',
    labelNames,
    registers: [registry],
  });
  const duration = new Histogram({
    name: 'shopfloor_http_request_duration_seconds',
    help: 'Time to answer an HTTP request, by method, route pattern and status code',
    labelNames,
    buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30],
    registers: [registry],
  });

  app.addHook('onResponse', async (request, reply) => {
    // The route pattern, never the raw URL, so label cardinality stays bounded.
    const labels = { method: request.method, route: request.routeOptions.url ?? 'unmatched', status: String(reply.statusCode) };
    requests.inc(labels);
    duration.observe(labels, reply.elapsedTime / 1000);
  });

  app.get('/metrics', { schema: { hide: true }, config: { access: 'public' } }, async (_request, reply) => {
    const text = await registry.metrics();
    return reply.type(registry.contentType).send(text);
  });
  return registry;
}

/** What the monitor gauges read at scrape time: the newest drift reports and the alert dispatcher's counts. */
export interface MonitorMetricsSource {
  latestDrift(): readonly DriftReport[];
  alerts: { stats(): DispatcherStats };
  /** Open (unacknowledged) alerts per use case and kind, read from the store at scrape time. */
  openAlerts(): Promise<{ useCaseId: string; kind: string; count: number }[]>;
}

const DRIFT_STATUS_VALUE = { stable: 0, watch: 1, drift: 2 } as const;

/**
 * shopfloor_drift_psi and shopfloor_drift_status per use case and feature (prediction series as
 * `prediction:score` / `prediction:decision`), from the newest drift report of each use case; alert
 * counts per sink. Read when scraped, so they never go stale behind the reports.
 */
export function installMonitorMetrics(registry: Registry, source: MonitorMetricsSource): void {
  const series = (report: DriftReport) => [...report.features.map((f) => ({ f, name: f.feature })), ...report.predictions.map((f) => ({ f, name: `prediction:${f.feature}` }))];
  new Gauge({
    name: 'shopfloor_drift_psi',
    help: 'Population stability index of a model input (or prediction series) against the champion training rows, newest drift report; 0.1 moderate, 0.25 major',
    labelNames: ['use_case', 'feature'] as const,
    registers: [registry],
    collect() {
      this.reset();
      for (const report of source.latestDrift()) for (const { f, name } of series(report)) if (f.psi !== null) this.set({ use_case: report.useCaseId, feature: name }, f.psi);
    },
  });
  new Gauge({
    name: 'shopfloor_drift_status',
    help: 'Drift status of a model input or prediction series: 0 stable, 1 watch, 2 drift (an alert is raised)',
    labelNames: ['use_case', 'feature'] as const,
    registers: [registry],
    collect() {
      this.reset();
      for (const report of source.latestDrift()) for (const { f, name } of series(report)) this.set({ use_case: report.useCaseId, feature: name }, DRIFT_STATUS_VALUE[f.status]);
    },
  });
  new Gauge({
    name: 'shopfloor_alerts_open',
    help: 'Alerts not yet acknowledged by an operator, per use case and kind (decision, drift)',
    labelNames: ['use_case', 'kind'] as const,
    registers: [registry],
    async collect() {
      this.reset();
      for (const o of await source.openAlerts()) this.set({ use_case: o.useCaseId, kind: o.kind }, o.count);
    },
  });
  new Gauge({
    name: 'shopfloor_alerts_raised',
    help: 'Alerts raised by this process since it started (decisions that act, drift beyond its band); dropped: not stored because too many waited',
    labelNames: ['outcome'] as const,
    registers: [registry],
    collect() {
      const s = source.alerts.stats();
      this.set({ outcome: 'raised' }, s.raised);
      this.set({ outcome: 'store_failed' }, s.storeFailures);
      this.set({ outcome: 'dropped' }, s.dropped);
    },
  });
  new Gauge({
    name: 'shopfloor_alert_deliveries',
    help: 'Alert deliveries per sink since start: delivered, failed (every try failed), dropped (pushed out of the full queue), retries, queued (waiting now)',
    labelNames: ['sink', 'outcome'] as const,
    registers: [registry],
    collect() {
      this.reset();
      for (const s of source.alerts.stats().sinks) {
        for (const outcome of ['delivered', 'failed', 'dropped', 'retries', 'queued'] as const) this.set({ sink: s.sink, outcome }, s[outcome]);
      }
    },
  });
}
