// Result rows (one per case, figure and peer), the readable table, the targets and the final JSON line.

/** Figures in table order, with the direction that wins. */
export const FIGURES = [
  ['auc', 'higher'],
  ['rmse', 'lower'],
  ['train_seconds', 'lower'],
  ['predict_rows_per_second', 'higher'],
  ['single_row_microseconds', 'lower'],
  ['shap_row_microseconds', 'lower'],
  ['peak_rss_mb', 'lower'],
];

/**
 * One row per (case, figure, peer); a figure no peer measures gets one row with peer '-'.
 * peerFigures: [{ peer, figure, value, note }] (empty when peers were skipped or failed).
 */
export function caseRows(caseName, ours, peerFigures) {
  const rows = [];
  for (const [figure, better] of FIGURES) {
    if (!(figure in ours) || ours[figure] === undefined) continue;
    const peers = peerFigures.filter((p) => p.figure === figure);
    if (peers.length === 0) rows.push({ case: caseName, figure, ours: ours[figure], peer: '-', peerValue: null, better });
    for (const p of peers) rows.push({ case: caseName, figure, ours: ours[figure], peer: p.peer, peerValue: p.value ?? null, better, note: p.note });
  }
  return rows;
}

/** Rounds to 6 significant digits for the JSON line (the raw file keeps full precision). */
function sig(v) {
  return v === null || v === undefined || !Number.isFinite(v) ? (v ?? null) : Number(v.toPrecision(6));
}

export function jsonLine(rows) {
  const out = rows.map((r) => ({ case: r.case, figure: r.figure, ours: sig(r.ours), peer: r.peer, peerValue: sig(r.peerValue), better: r.better }));
  return JSON.stringify({ bench: 'gbdt', rows: out });
}

export function fmtValue(figure, v) {
  if (v === null || v === undefined) return '-';
  if (!Number.isFinite(v)) return String(v);
  switch (figure) {
    case 'auc':
      return v.toFixed(4);
    case 'rmse':
      return v.toFixed(2);
    case 'train_seconds':
      return v < 10 ? v.toFixed(3) : v.toFixed(2);
    case 'predict_rows_per_second':
      return Math.round(v).toLocaleString('en-US');
    case 'peak_rss_mb':
      return v.toFixed(0);
    default:
      return v < 100 ? v.toFixed(2) : Math.round(v).toLocaleString('en-US');
  }
}

function ratio(r) {
  if (r.peerValue === null || r.peerValue === 0 || r.ours === null) return '-';
  const q = r.ours / r.peerValue;
  return q >= 100 ? q.toFixed(0) : q >= 10 ? q.toFixed(1) : q.toFixed(3);
}

/** Plain-text table: case, figure, ours, peer, peer value, better, ratio (ours / peer), note. */
export function table(rows) {
  const head = ['case', 'figure', 'ours', 'peer', 'peer value', 'better', 'ratio', 'note'];
  const body = rows.map((r) => [r.case, r.figure, fmtValue(r.figure, r.ours), r.peer, fmtValue(r.figure, r.peerValue), r.better, ratio(r), r.note ?? '']);
  const widths = head.map((h, c) => Math.max(h.length, ...body.map((b) => b[c].length)));
  const numeric = new Set([2, 4, 6]);
  const line = (cells) => cells.map((cell, c) => (numeric.has(c) ? cell.padStart(widths[c]) : cell.padEnd(widths[c]))).join('  ').trimEnd();
  return [line(head), widths.map((w) => '-'.repeat(w)).join('  '), ...body.map(line)].join('\n');
}

/**
 * The targets, checked against xgboost in the same run (absolute ones against fixed limits).
 * Returns [{ target, measured, met }] for the cases that ran; `met` is null when the peer is missing.
 */
export function targets(rows, synthCase) {
  const find = (c, f, peer) => rows.find((r) => r.case === c && r.figure === f && r.peer === peer);
  const vs = (c, f, text, test) => {
    const r = find(c, f, 'xgboost');
    if (!r) return [];
    if (r.peerValue === null) return [{ target: `${c} ${text}`, measured: `ours ${fmtValue(f, r.ours)}, xgboost missing`, met: null }];
    return [{ target: `${c} ${text}`, measured: `ours ${fmtValue(f, r.ours)} vs xgboost ${fmtValue(f, r.peerValue)} (ratio ${ratio(r)})`, met: test(r.ours, r.peerValue) }];
  };
  const abs = (c, f, text, limit) => {
    const r = find(c, f, 'xgboost') ?? find(c, f, '-');
    return r ? [{ target: `${c} ${text}`, measured: `ours ${fmtValue(f, r.ours)} us`, met: r.ours < limit }] : [];
  };
  return [
    ...vs('ai4i', 'auc', 'auc >= xgboost - 0.005', (o, p) => o >= p - 0.005),
    ...vs(synthCase, 'auc', 'auc >= xgboost - 0.002', (o, p) => o >= p - 0.002),
    ...vs('cmapss-fd001', 'rmse', 'rmse <= xgboost x 1.03', (o, p) => o <= p * 1.03),
    ...vs(synthCase, 'train_seconds', 'train_seconds <= xgboost (2 threads) x 1.5', (o, p) => o <= p * 1.5),
    ...vs(synthCase, 'predict_rows_per_second', 'predict_rows_per_second >= xgboost', (o, p) => o >= p),
    ...abs('ai4i', 'single_row_microseconds', 'single_row_microseconds < 10', 10),
    ...abs(synthCase, 'shap_row_microseconds', 'shap_row_microseconds < 100', 100),
  ];
}

export function targetsText(list) {
  if (list.length === 0) return '';
  const mark = (m) => (m === null ? 'n/a ' : m ? 'MET ' : 'MISS');
  return ['Targets (issue 2):', ...list.map((t) => `  ${mark(t.met)}  ${t.target}: ${t.measured}`)].join('\n');
}
