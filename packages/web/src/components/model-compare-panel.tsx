// Two versions side by side on the same frozen rows: metrics with intervals, the cost difference and the decisions that flip.
import { useId, useState, type FormEvent } from 'react';
import type { Comparison, ComparisonCell, DecisionFlips, ModelVersion, UseCase } from '@shopfloor/contracts';
import { useApi } from '../api-context.js';
import { formatMoney, formatNumber, formatPercent } from '../format.js';
import { ErrorNotice } from './error-notice.js';

/** Bootstrap resamples for the intervals: enough for a steady 95 % interval, quick on a benchmark of thousands of rows. */
const RESAMPLES = 200;

export function ModelComparePanel({ useCase, versions }: { useCase: UseCase; versions: readonly ModelVersion[] }) {
  const api = useApi();
  const id = useId();
  const oldest = versions.at(-1);
  const newest = versions[0];
  const [baseline, setBaseline] = useState(() => (versions.find((v) => v.aliases.includes('champion')) ?? oldest)?.id ?? '');
  const [candidate, setCandidate] = useState(() => (versions.find((v) => v.id !== baseline) ?? newest)?.id ?? '');
  const [result, setResult] = useState<Comparison | null>(null);
  const [error, setError] = useState<Error | null>(null);
  const [busy, setBusy] = useState(false);

  const submit = async (event: FormEvent<HTMLFormElement>): Promise<void> => {
    event.preventDefault();
    setBusy(true);
    setError(null);
    try {
      setResult(await api.compare(useCase.id, { versions: [baseline, candidate], resamples: RESAMPLES, maxFlipExamples: 5 }));
    } catch (e) {
      setResult(null);
      setError(e instanceof Error ? e : new Error(String(e)));
    } finally {
      setBusy(false);
    }
  };

  const picker = (label: string, value: string, onChange: (v: string) => void, suffix: string) => (
    <div className="field inline-field">
      <label htmlFor={`${id}-${suffix}`}>{label}</label>
      <select id={`${id}-${suffix}`} value={value} onChange={(event) => onChange(event.target.value)} data-testid={`compare-${suffix}`}>
        {versions.map((v) => (
          <option key={v.id} value={v.id}>
            v{v.version}
            {v.aliases.length > 0 ? ` (${v.aliases.join(', ')})` : ''}
          </option>
        ))}
      </select>
    </div>
  );

  return (
    <section className="panel" aria-labelledby="compare-heading" data-testid="model-compare">
      <h2 id="compare-heading">Compare two versions</h2>
      <form className="compare-form" onSubmit={(event) => void submit(event)}>
        {picker('Baseline', baseline, setBaseline, 'baseline')}
        {picker('Candidate', candidate, setCandidate, 'candidate')}
        <button type="submit" className="button-primary" disabled={busy || versions.length === 0} data-testid="compare-submit">
          {busy ? 'Comparing…' : 'Compare'}
        </button>
      </form>
      <p className="hint">Both versions score the same frozen benchmark and edge-case sets; intervals from {RESAMPLES} paired bootstrap resamples.</p>
      {error !== null && <ErrorNotice error={error} doing="Comparing" testId="compare-error" />}
      {result !== null && <ComparisonView comparison={result} />}
    </section>
  );
}

function ComparisonView({ comparison: c }: { comparison: Comparison }) {
  const versionName = (id: string): string => `v${c.versions.find((v) => v.id === id)?.version ?? '?'}`;
  return (
    <div data-testid="comparison-result">
      {c.cells
        .filter((cell) => cell.slice === null)
        .map((cell) => (
          <MetricTable key={cell.set} comparison={c} cell={cell} versionName={versionName} />
        ))}
      {c.flips.map((f) => (
        <FlipsView key={`${f.modelVersionId}-${f.set}`} flips={f} versionName={versionName} />
      ))}
      <ul className="cost-lines">
        {c.cost
          .filter((line) => line.set === 'benchmark')
          .map((line) => (
            <li key={line.modelVersionId}>
              {versionName(line.modelVersionId)}: {line.costPer1000.value === null ? '–' : formatMoney(line.costPer1000.value, line.currency, 0)} per 1,000
              predictions, saving {formatMoney(line.savingPer1000, line.currency, 0)} against {line.practice.kind === 'no-model' ? 'no model' : 'the schedule'}
            </li>
          ))}
      </ul>
    </div>
  );
}

interface CellProps {
  comparison: Comparison;
  cell: ComparisonCell;
  versionName: (id: string) => string;
}

/** One set: every metric per version, and the candidate's difference with its interval, green when it is the better way. */
function MetricTable({ comparison: c, cell, versionName }: CellProps) {
  const better = new Map(c.metrics.map((m) => [m.name, m.better]));
  const shown = c.metrics.filter((m) => cell.versions.some((v) => v.metrics[m.name] !== undefined && v.metrics[m.name]!.value !== null));
  return (
    <table className="data-table">
      <caption>
        {cell.set} · {formatNumber(cell.rows, 0)} rows
      </caption>
      <thead>
        <tr>
          <th scope="col">Metric</th>
          {cell.versions.map((v) => (
            <th scope="col" key={v.modelVersionId} className="numeric">
              {versionName(v.modelVersionId)}
            </th>
          ))}
          <th scope="col" className="numeric">
            Difference (interval)
          </th>
        </tr>
      </thead>
      <tbody>
        {shown.map((m) => {
          const diff = cell.versions[1]?.differences.find((d) => d.metric === m.name);
          const change = diff?.difference ?? null;
          const tone = change === null || change === 0 ? '' : (better.get(m.name) === 'higher') === change > 0 ? ' text-good' : ' text-bad';
          return (
            <tr key={m.name}>
              <th scope="row">{m.name}</th>
              {cell.versions.map((v) => (
                <td key={v.modelVersionId} className="numeric">
                  {formatEstimate(v.metrics[m.name]?.value)}
                </td>
              ))}
              <td className={`numeric${tone}`}>
                {diff === undefined || change === null ? '–' : `${formatNumber(change, 4)} (${formatEstimate(diff.low)} to ${formatEstimate(diff.high)})`}
              </td>
            </tr>
          );
        })}
      </tbody>
    </table>
  );
}

function FlipsView({ flips: f, versionName }: { flips: DecisionFlips; versionName: (id: string) => string }) {
  return (
    <div className="flips" data-testid="decision-flips">
      <h3>
        Decisions that flip on {f.set}: {formatNumber(f.flips, 0)} ({formatPercent(f.share)})
      </h3>
      <p>
        {versionName(f.modelVersionId)} turns <strong className="text-good">{f.fixed}</strong> wrong decisions right and{' '}
        <strong className="text-bad">{f.broken}</strong> right ones wrong.
      </p>
      {f.examples.length > 0 && (
        <table className="data-table">
          <thead>
            <tr>
              <th scope="col">Row</th>
              <th scope="col">Truth</th>
              <th scope="col">Baseline</th>
              <th scope="col">Candidate</th>
            </tr>
          </thead>
          <tbody>
            {f.examples.map((x) => (
              <tr key={x.row}>
                <th scope="row">{x.key ?? x.row}</th>
                <td>{x.truth}</td>
                <td>
                  {x.baseline.decision} <span className="hint">({formatNumber(x.baseline.score, 3)})</span>
                </td>
                <td>
                  {x.candidate.decision} <span className="hint">({formatNumber(x.candidate.score, 3)})</span>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </div>
  );
}

function formatEstimate(value: number | null | undefined): string {
  return value === null || value === undefined ? '–' : formatNumber(value, 4);
}
