// Trust reports and readings results as text for a terminal: one line per sensor, then the issues, then refused rows.
import type { ReadingsResult, TrustReport } from '@shopfloor/contracts';
import { renderTable } from './table.js';

const when = (t: number | null): string => (t === null ? 'ongoing' : new Date(t).toISOString().replace('T', ' ').replace(/:\d\d\.\d{3}Z$/, ' UTC'));

/** How many issues and refused rows the text lists (--json has all of them). */
const LISTED = 50;

export function trustReportText(report: TrustReport): string {
  const sensors = renderTable(
    ['sensor', 'asset', 'health', 'readings', 'affected', 'issues'],
    report.sensors.map((s) => [
      s.sensor,
      s.asset,
      s.checked ? s.health : `${s.health} (not checked)`,
      String(s.readings),
      `${(100 * s.affectedShare).toFixed(2)}%`,
      Object.entries(s.issueCounts).map(([code, n]) => `${code} ${n}`).join(', ') || '-',
    ]),
  );
  const issues = report.sensors.flatMap((s) => s.issues.map((i) => ({ ...i, unit: s.unit })));
  const shown = issues.slice(0, LISTED);
  const issueTable =
    shown.length === 0
      ? 'No issues.\n'
      : renderTable(
          ['sensor', ...(shown.some((i) => i.entity !== undefined) ? ['entity'] : []), 'code', 'severity', 'from', 'to', 'expected', 'received'],
          shown.map((i) => [i.sensor, ...(shown.some((x) => x.entity !== undefined) ? [i.entity ?? ''] : []), i.code, i.severity, when(i.from), when(i.to), i.expected, i.received]),
        ) + (issues.length > LISTED ? `... and ${issues.length - LISTED} more issues (--json lists all)\n` : '');
  const notes = report.sensors.flatMap((s) => s.notes.map((n) => `  ${s.sensor}: ${n}`));
  return `${report.reference}\n\n${sensors}\n${issueTable}${notes.length === 0 ? '' : `\nNotes:\n${notes.join('\n')}\n`}`;
}

export function readingsResultText(result: ReadingsResult, file: string): string {
  const head = `Stored ${result.accepted} reading${result.accepted === 1 ? '' : 's'} from ${file}`;
  if (result.rejected.length === 0) return `${head}.\n`;
  const shown = result.rejected.slice(0, LISTED);
  return (
    `${head}; refused ${result.rejected.length}:\n` +
    renderTable(['line', 'sensor', 'code', 'message'], shown.map((r) => [String(r.row), r.sensor, r.code, r.message])) +
    (result.rejected.length > LISTED ? `... and ${result.rejected.length - LISTED} more (--json lists all)\n` : '')
  );
}
