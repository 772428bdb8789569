// A version on the frozen benchmark: ROC and PR curves, calibration, the confusion matrix at the decision threshold, residuals, feature importance and the SHAP summary.
import type { ModelEvaluation, ModelVersion, UseCase } from '@shopfloor/contracts';
import { useApi } from '../api-context.js';
import { formatMoney, formatNumber, formatPercent } from '../format.js';
import { useLoad } from '../use-load.js';
import { BarChart } from './chart-bars.js';
import { Beeswarm } from './chart-beeswarm.js';
import { extent } from './chart-scale.js';
import { XyChart } from './chart-xy.js';
import { ErrorNotice } from './error-notice.js';

const CURVE = '#0b57d0';
const REFERENCE = '#7a828c';
const ACCENT = '#c0392b';

export function ModelEvaluationPanel({ useCase, version }: { useCase: UseCase; version: ModelVersion }) {
  const api = useApi();
  const load = useLoad<ModelEvaluation>((signal) => api.modelEvaluation(useCase.id, version.id, signal), [api, useCase.id, version.id]);
  return (
    <section className="panel" aria-labelledby="evaluation-heading" data-testid="model-evaluation">
      <h2 id="evaluation-heading">v{version.version} on the frozen benchmark</h2>
      {load.state === 'loading' && <p aria-live="polite">Scoring the benchmark…</p>}
      {load.state === 'error' && <ErrorNotice error={load.error} doing="Evaluating the version" testId="evaluation-error" />}
      {load.state === 'ready' && <EvaluationCharts useCase={useCase} version={version} evaluation={load.data} />}
    </section>
  );
}

function EvaluationCharts({ useCase, version, evaluation: e }: { useCase: UseCase; version: ModelVersion; evaluation: ModelEvaluation }) {
  return (
    <>
      <p className="hint">
        {formatNumber(e.set.rows, 0)} benchmark rows with a target (set version {e.set.version}, the rows every comparison and gate uses).
        Realised cost with the decision rule: <strong>{formatMoney(e.costPer1000, e.currency, 0)}</strong> per 1,000 predictions.
      </p>
      <div className="chart-grid-layout">
        {e.roc !== null && <BinaryCurves version={version} evaluation={e} />}
        {e.residuals !== null && <ResidualCharts evaluation={e} target={useCase.target} />}
      </div>
      <ConfusionTable evaluation={e} />
      <div className="chart-grid-layout">
        <BarChart
          testId="feature-importance"
          title="Feature importance (split gain in training)"
          valueLabel="Gain"
          bars={[...version.featureImportance].sort((a, b) => b.gain - a.gain).map((f) => ({ name: f.feature, value: f.gain }))}
          digits={1}
        />
        <BarChart
          testId="shap-mean"
          title={`Mean |SHAP| over ${e.shap.rows} benchmark rows (${e.shap.scale})`}
          valueLabel="Mean |SHAP|"
          bars={e.shap.features.map((f) => ({ name: f.feature, value: f.meanAbs, ...(f.unit === null || f.feature.includes(`[${f.unit}]`) ? {} : { note: f.unit }) }))}
        />
      </div>
      <Beeswarm testId="shap-beeswarm" features={e.shap.features} scale={e.shap.scale} />
    </>
  );
}

/** Binary models: ROC with the operating point of the stored threshold, precision-recall, and the reliability diagram. */
function BinaryCurves({ version, evaluation: e }: { version: ModelVersion; evaluation: ModelEvaluation }) {
  const threshold = e.confusion.threshold;
  const operating = threshold === null ? undefined : operatingPoint(e);
  const diagonal = [
    { x: 0, y: 0 },
    { x: 1, y: 1 },
  ];
  return (
    <>
      <XyChart
        testId="chart-roc"
        title="ROC curve"
        summary={`true alarm rate against false alarm rate over every threshold; AUC ${version.metrics.auc === undefined ? 'unknown' : formatNumber(version.metrics.auc, 3)}`}
        xLabel="False alarm rate (healthy rows alarmed)"
        yLabel="Catch rate (events alarmed)"
        xDomain={[0, 1]}
        yDomain={[0, 1]}
        series={[
          { label: 'chance', kind: 'line', points: diagonal, color: REFERENCE, dashed: true },
          { label: `v${version.version}`, kind: 'line', points: (e.roc ?? []).map((p) => ({ x: p.falsePositiveRate, y: p.truePositiveRate })), color: CURVE },
        ]}
        markers={operating === undefined ? [] : [{ ...operating, label: `threshold ${formatPercent(threshold!)}` }]}
      />
      {e.pr !== null && (
        <XyChart
          testId="chart-pr"
          title="Precision-recall curve"
          summary={`share of alarms that were real against share of events caught; PR AUC ${version.metrics.prAuc === undefined ? 'unknown' : formatNumber(version.metrics.prAuc, 3)}`}
          xLabel="Recall (events caught)"
          yLabel="Precision (alarms that were real)"
          xDomain={[0, 1]}
          yDomain={[0, 1]}
          series={[{ label: `v${version.version}`, kind: 'line', points: e.pr.map((p) => ({ x: p.recall, y: p.precision })), color: CURVE }]}
        />
      )}
      {e.calibration !== null && (
        <XyChart
          testId="chart-calibration"
          title="Calibration"
          summary="observed event rate against the predicted risk, per tenth of the risk scale; on the diagonal the risk can be taken at its word"
          xLabel="Predicted risk"
          yLabel="Observed event rate"
          xDomain={[0, 1]}
          yDomain={[0, 1]}
          series={[
            { label: 'perfect calibration', kind: 'line', points: diagonal, color: REFERENCE, dashed: true },
            {
              label: 'bins with rows',
              kind: 'dots',
              radius: 5,
              color: CURVE,
              points: e.calibration.filter((b) => b.rows > 0).map((b) => ({ x: b.meanPredicted!, y: b.observedRate! })),
            },
          ]}
        />
      )}
    </>
  );
}

/** The ROC point of the stored threshold, exact from the confusion counts (the plotted curve is thinned): [[TN, FP], [FN, TP]]. */
function operatingPoint(e: ModelEvaluation): { x: number; y: number } | undefined {
  const [[tn, fp] = [], [fn, tp] = []] = e.confusion.counts;
  if (tn === undefined || fp === undefined || fn === undefined || tp === undefined || tn + fp === 0 || tp + fn === 0) return undefined;
  return { x: fp / (fp + tn), y: tp / (tp + fn) };
}

function ResidualCharts({ evaluation: e, target }: { evaluation: ModelEvaluation; target: string }) {
  const residuals = e.residuals!;
  const all = residuals.points.flatMap((p) => [p.actual, p.predicted]);
  const domain = extent(all, 0.03);
  const largest = Math.max(1, ...residuals.histogram.map((b) => b.rows));
  return (
    <>
      <XyChart
        testId="chart-residuals"
        title="Predicted against actual"
        summary={`each dot one benchmark row; on the diagonal the prediction of ${target} was exact`}
        xLabel={`Actual ${target}`}
        yLabel={`Predicted ${target}`}
        xDomain={domain}
        yDomain={domain}
        series={[
          { label: 'exact', kind: 'line', points: [{ x: domain[0], y: domain[0] }, { x: domain[1], y: domain[1] }], color: REFERENCE, dashed: true },
          { label: 'rows', kind: 'dots', points: residuals.points.map((p) => ({ x: p.actual, y: p.predicted })), color: CURVE },
        ]}
      />
      <XyChart
        testId="chart-residual-histogram"
        title="Residuals (actual − predicted)"
        summary="how many benchmark rows missed by how much"
        xLabel={`Residual in ${target}`}
        yLabel="Rows"
        xDomain={[residuals.histogram[0]?.low ?? 0, residuals.histogram.at(-1)?.high ?? 1]}
        yDomain={[0, largest]}
        series={[
          {
            label: 'rows',
            kind: 'steps',
            color: ACCENT,
            points: residuals.histogram.flatMap((b) => [{ x: b.low, y: b.rows }, { x: b.high, y: b.rows }]),
          },
        ]}
      />
    </>
  );
}

function ConfusionTable({ evaluation: e }: { evaluation: ModelEvaluation }) {
  const c = e.confusion;
  const threshold = c.threshold === null ? null : e.task === 'binary' ? formatPercent(c.threshold) : formatNumber(c.threshold, 3);
  return (
    <div className="confusion" data-testid="confusion-matrix">
      <h3>Decisions on the benchmark{threshold === null ? '' : ` at the cost-optimal threshold ${threshold}`}</h3>
      <table className="data-table">
        <caption className="visually-hidden">Rows by what was true and what the model decided, with the cost of one such row</caption>
        <thead>
          <tr>
            <th scope="col">Truth \ decided</th>
            {c.decided.map((d) => (
              <th scope="col" key={d} className="numeric">
                {d}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {c.truth.map((t, r) => (
            <tr key={t}>
              <th scope="row">{t}</th>
              {c.decided.map((d, k) => (
                <td key={d} className={`numeric${c.costs[r]![k]! > 0 ? ' cell-costly' : ''}`}>
                  <strong>{formatNumber(c.counts[r]![k]!, 0)}</strong>
                  <span className="hint"> rows · {formatMoney(c.costs[r]![k]!, e.currency, 0)} each</span>
                </td>
              ))}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
