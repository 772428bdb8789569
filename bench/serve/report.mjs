// bench:serve result rows (one per case, figure and peer), the readable table, the targets and the JSON line.

export const CASES = ['predict', 'predict-explained', 'predict-with-shadow', 'predict-ab'];
/** Figures in table order with the direction that wins. */
export const FIGURES = [
  ['requests_per_second', 'higher'],
  ['p50_ms', 'lower'],
  ['p99_ms_at_half_load', 'lower'],
];
/** The peers each case is compared with: the external servers for plain predict, Shopfloor without the variant otherwise. */
export const CASE_PEERS = {
  predict: ['fastify-ceiling', 'fastapi-xgboost'],
  'predict-explained': ['fastify-ceiling', 'fastapi-xgboost'],
  'predict-with-shadow': ['shopfloor-alone'],
  'predict-ab': ['shopfloor-alone'],
};

/**
 * ours: { [case]: { requests_per_second, p50_ms, p99_ms_at_half_load } } for the cases that ran;
 * peers: { 'fastify-ceiling': figures | { error }, 'fastapi-xgboost': ... } (missing or failed peers keep their
 * row with peerValue null and a note). 'shopfloor-alone' is ours.predict.
 */
export function resultRows(ours, peers) {
  const rows = [];
  for (const c of CASES) {
    const o = ours[c];
    if (o === undefined) continue;
    for (const [figure, better] of FIGURES) {
      for (const peer of CASE_PEERS[c]) {
        const p = peer === 'shopfloor-alone' ? ours.predict : peers[peer];
        const value = p?.[figure];
        const note = p === undefined ? 'not measured' : p.error ? `failed: ${String(p.error).slice(0, 60)}` : undefined;
        rows.push({ case: c, figure, ours: o[figure] ?? null, peer, peerValue: Number.isFinite(value) ? value : null, better, ...(note ? { note } : {}) });
      }
    }
  }
  return rows;
}

const sig = (v) => (v === null || v === undefined || !Number.isFinite(v) ? null : Number(v.toPrecision(6)));

export function jsonLine(rows) {
  return JSON.stringify({ bench: 'serve', rows: rows.map((r) => ({ case: r.case, figure: r.figure, ours: sig(r.ours), peer: r.peer, peerValue: sig(r.peerValue), better: r.better })) });
}

export function fmt(figure, v) {
  if (v === null || v === undefined || !Number.isFinite(v)) return '-';
  return figure === 'requests_per_second' ? Math.round(v).toLocaleString('en-US') : v.toFixed(2);
}

function ratio(r) {
  if (r.peerValue === null || r.ours === null || r.peerValue === 0) return '-';
  const q = r.ours / r.peerValue;
  return q >= 10 ? q.toFixed(1) : q.toFixed(3);
}

/** Plain-text table: case, figure, ours, peer, peer value, better, ratio (ours / peer), note. */
export function table(rows) {
  const head = ['case', 'figure', 'ours', 'peer', 'peer value', 'better', 'ratio', 'note'];
  const body = rows.map((r) => [r.case, r.figure, fmt(r.figure, r.ours), r.peer, fmt(r.figure, r.peerValue), r.better, ratio(r), r.note ?? '']);
  const widths = head.map((h, c) => Math.max(h.length, ...body.map((b) => b[c].length)));
  const numeric = new Set([2, 4, 6]);
  const line = (cells) => cells.map((cell, c) => (numeric.has(c) ? cell.padStart(widths[c]) : cell.padEnd(widths[c]))).join('  ').trimEnd();
  return [line(head), widths.map((w) => '-'.repeat(w)).join('  '), ...body.map(line)].join('\n');
}

/**
 * Issue 6's targets against the same run: predict >= 60% of bare Fastify and >= 3x FastAPI, predict-explained
 * >= 40% of Fastify, a shadow costs <= 10% of throughput, p99 < 5 ms at half load (each Shopfloor case).
 * [{ target, measured, met }]; met is null when a side is missing.
 */
export function targets(rows) {
  const find = (c, f, peer) => rows.find((r) => r.case === c && r.figure === f && r.peer === peer);
  const rel = (c, peer, factor, text) => {
    const r = find(c, 'requests_per_second', peer);
    if (!r) return [];
    const met = r.ours === null || r.peerValue === null ? null : r.ours >= factor * r.peerValue;
    return [{ target: `${c}: ${text}`, measured: `${fmt(r.figure, r.ours)} vs ${peer} ${fmt(r.figure, r.peerValue)} req/s (ratio ${ratio(r)})`, met }];
  };
  const out = [
    ...rel('predict', 'fastify-ceiling', 0.6, 'requests_per_second >= 60% of fastify-ceiling'),
    ...rel('predict', 'fastapi-xgboost', 3, 'requests_per_second >= 3x fastapi-xgboost'),
    ...rel('predict-explained', 'fastify-ceiling', 0.4, 'requests_per_second >= 40% of fastify-ceiling'),
    ...rel('predict-with-shadow', 'shopfloor-alone', 0.9, 'a shadow costs <= 10% of throughput'),
  ];
  for (const c of CASES) {
    const r = rows.find((x) => x.case === c && x.figure === 'p99_ms_at_half_load');
    if (r) out.push({ target: `${c}: p99_ms_at_half_load < 5`, measured: `${fmt(r.figure, r.ours)} ms`, met: r.ours === null ? null : r.ours < 5 });
  }
  return out;
}

export function targetsText(list) {
  const mark = (m) => (m === null ? 'n/a ' : m ? 'MET ' : 'MISS');
  return ['Targets (issue 6):', ...list.map((t) => `  ${mark(t.met)}  ${t.target}: ${t.measured}`)].join('\n');
}
