// The peer side: runs ../shared/bench/peers_tabular.py / peers_rul.py (xgboost, scikit-learn HGB) and maps their JSON to our figures.
import path from 'node:path';
import { runSampled } from './machine.mjs';

/** Debian's python: the peer scripts need its python3-xgboost / python3-sklearn (another python3 may come first on PATH). */
export const PYTHON = '/usr/bin/python3';
const PEER_NAMES = { xgb: 'xgboost', hgb: 'sklearn-hgb' };
const INSTALL_HINT = 'install the peers with: apt-get install -y python3-sklearn python3-xgboost python3-pandas';

/** The command line for a case's peer run (kept in the raw results so a run can be repeated by hand). */
export function peerCommand(kind, shared, { data, repeats }) {
  const bench = path.join(shared, 'bench');
  if (kind === 'rul') return [PYTHON, path.join(bench, 'peers_rul.py'), '--data-dir', data, '--models', 'xgb,hgb', '--repeats', String(repeats), '--json'];
  return [PYTHON, path.join(bench, 'peers_tabular.py'), '--dataset', kind, '--data', data, '--models', 'xgb,hgb', '--repeats', String(repeats), '--json'];
}

/** Runs the peer script; resolves to { raw, figures, foreignCpu } or { error }. */
export async function runPeers(kind, shared, opts) {
  const [cmd, ...args] = peerCommand(kind, shared, opts);
  const run = await runSampled(cmd, args);
  if (run.code !== 0) {
    return { error: `${[cmd, ...args].join(' ')} exited with ${run.code}${run.error ? ` (${run.error})` : ''}; ${INSTALL_HINT}`, foreignCpu: run.foreignCpu };
  }
  let raw;
  try {
    raw = JSON.parse(run.stdout);
  } catch (err) {
    return { error: `peer output is not JSON: ${err.message}`, foreignCpu: run.foreignCpu };
  }
  return { raw, figures: kind === 'rul' ? rulFigures(raw) : tabularFigures(raw), foreignCpu: run.foreignCpu, command: [cmd, ...args].join(' ') };
}

/**
 * peers_tabular.py JSON -> [{ peer, figure, value, note }]. Single row: xgboost's Booster.inplace_predict
 * (its fastest 1-row path) when present, else predict_proba; HGB has only predict_proba.
 */
export function tabularFigures(raw) {
  const out = [];
  for (const r of raw.results) {
    const peer = PEER_NAMES[r.model];
    if (peer === undefined) continue;
    out.push({ peer, figure: 'auc', value: r.auc });
    out.push({ peer, figure: 'train_seconds', value: r.train_seconds_median, note: `fits ${r.train_seconds_all.map((x) => x.toFixed(2)).join(', ')} s` });
    out.push({ peer, figure: 'predict_rows_per_second', value: r.batch_rows_per_s, note: 'predict_proba, 2 threads' });
    const inplace = r.latency_us_median_inplace_predict;
    out.push(
      inplace !== undefined
        ? { peer, figure: 'single_row_microseconds', value: inplace, note: 'Booster.inplace_predict, 1 thread' }
        : { peer, figure: 'single_row_microseconds', value: r.latency_us_median, note: 'predict_proba, 1 thread' },
    );
  }
  return out;
}

/** peers_rul.py JSON -> figures: RMSE against RUL_FD001.txt (uncapped truth, the script's primary) and train time. */
export function rulFigures(raw) {
  const out = [];
  for (const r of raw.results) {
    const peer = PEER_NAMES[r.model];
    if (peer === undefined) continue;
    out.push({ peer, figure: 'rmse', value: r.rmse, note: `capped truth ${r.rmse_capped_truth.toFixed(2)}` });
    out.push({ peer, figure: 'train_seconds', value: r.train_seconds_median, note: `fits ${r.train_seconds_all.map((x) => x.toFixed(2)).join(', ')} s` });
  }
  return out;
}
