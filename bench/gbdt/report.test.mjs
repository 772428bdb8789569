// Tests for the report: one row per case, figure and peer; peer "-" where none measures; one JSON line; targets.
import { test } from 'vitest';
import assert from 'node:assert/strict';
import { caseRows, jsonLine, targets } from './report.mjs';

const ours = { auc: 0.98, train_seconds: 1, predict_rows_per_second: 5e5, single_row_microseconds: 4, shap_row_microseconds: 50, peak_rss_mb: 900, n_train: 10 };
const peers = [
  { peer: 'xgboost', figure: 'auc', value: 0.979 },
  { peer: 'sklearn-hgb', figure: 'auc', value: 0.977 },
  { peer: 'xgboost', figure: 'train_seconds', value: 0.5 },
];

test('one row per figure and peer, peer "-" with null value where no peer measures the figure', () => {
  const rows = caseRows('ai4i', ours, peers);
  assert.equal(rows.filter((r) => r.figure === 'auc').length, 2);
  const rss = rows.find((r) => r.figure === 'peak_rss_mb');
  assert.deepEqual([rss.peer, rss.peerValue, rss.better], ['-', null, 'lower']);
  assert.equal(rows.length, 7);
  const line = jsonLine(rows);
  assert.ok(!line.includes('\n'));
  const parsed = JSON.parse(line);
  assert.equal(parsed.bench, 'gbdt');
  assert.deepEqual(Object.keys(parsed.rows[0]), ['case', 'figure', 'ours', 'peer', 'peerValue', 'better']);
});

test('targets compare with xgboost in the same run and with the fixed limits', () => {
  const rows = [...caseRows('ai4i', ours, peers), ...caseRows('synth-1m', { ...ours, auc: 0.85, train_seconds: 60 }, [{ peer: 'xgboost', figure: 'auc', value: 0.8565 }, { peer: 'xgboost', figure: 'train_seconds', value: 38 }])];
  const got = Object.fromEntries(targets(rows, 'synth-1m').map((t) => [t.target, t.met]));
  assert.equal(got['ai4i auc >= xgboost - 0.005'], true);
  assert.equal(got['synth-1m auc >= xgboost - 0.002'], false);
  assert.equal(got['synth-1m train_seconds <= xgboost (2 threads) x 1.5'], false);
  assert.equal(got['ai4i single_row_microseconds < 10'], true);
  assert.equal(got['synth-1m shap_row_microseconds < 100'], true);
});
