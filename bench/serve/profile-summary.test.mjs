// The profile summary: self time by area and function, and cutting a profile to a time window.
import { describe, expect, it } from 'vitest';
import { sampleTimes, summarizeProfile } from './profile-summary.mjs';

const frame = (id, functionName, url, children = []) => ({ id, callFrame: { functionName, url, lineNumber: 0 }, children });

// root -> fastify handler -> predict (gbdt) ; root -> kysely executeQuery (native SQLite time)
const PROFILE = {
  nodes: [
    frame(1, '(root)', '', [2, 4]),
    frame(2, 'handler', 'file:///w/node_modules/fastify/lib/handle-request.js', [3]),
    frame(3, 'predictRaw', 'file:///w/packages/gbdt/dist/model.js'),
    frame(4, 'executeQuery', 'file:///w/node_modules/kysely/dist/esm/dialect/sqlite/sqlite-driver.js'),
  ],
  startTime: 1_000,
  // samples at 1100, 1200, 1300, 1400, 1500 us
  samples: [3, 3, 4, 4, 2],
  timeDeltas: [100, 100, 100, 100, 100],
};

describe('bench:serve profile summary', () => {
  it('attributes self time to areas and functions', () => {
    const s = summarizeProfile(PROFILE, 5);
    expect(s.samples).toBe(5);
    const areas = Object.fromEntries(s.areas);
    expect(areas['gbdt (tree walks, SHAP)']).toBeCloseTo(0.4, 12);
    expect(areas['sqlite (native: better-sqlite3 run/all/prepare)']).toBeCloseTo(0.4, 12);
    expect(areas['fastify and metrics (routing, hooks, reply, prom-client)']).toBeCloseTo(0.2, 12);
    expect(s.top[0][0]).toMatch(/^(predictRaw|executeQuery) /);
  });

  it('counts only the samples inside a window', () => {
    expect([...sampleTimes(PROFILE)]).toEqual([1100, 1200, 1300, 1400, 1500]);
    const s = summarizeProfile(PROFILE, 5, { fromUs: 1250, toUs: 1450 });
    expect(s.samples).toBe(2);
    expect(s.areas).toEqual([['sqlite (native: better-sqlite3 run/all/prepare)', 1]]);
  });
});
