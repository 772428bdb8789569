// bench:serve's wrk parser and report: percentiles from --latency, one row per case, figure and peer, the targets, one JSON line.
import { describe, expect, it } from 'vitest';
import { jsonLine, resultRows, targets } from './report.mjs';
import { durationMs, parseWrk } from './wrk.mjs';

const WRK_OUT = `Running 2s test @ http://127.0.0.1:43019/api/v1/use-cases/machine-failure/predict
  1 threads and 32 connections
  Thread Stats   Avg      Stdev     Max   +/- Stdev
    Latency    16.31ms   28.78ms 319.23ms   95.93%
    Req/Sec     2.78k   710.17     3.88k    70.00%
  Latency Distribution
     50%  612.00us
     75%   13.44ms
     90%   18.58ms
     99%    1.02s
  5533 requests in 2.00s, 2.75MB read
  Non-2xx or 3xx responses: 7
Requests/sec:   2762.43
Transfer/sec:      1.38MB
`;

describe('bench:serve wrk parser', () => {
  it('reads req/s and the latency distribution in milliseconds, whatever unit wrk printed', () => {
    const r = parseWrk(WRK_OUT);
    expect(r.requestsPerSecond).toBe(2762.43);
    expect(r.latencyMs.p50).toBeCloseTo(0.612, 9);
    expect(r.latencyMs.p90).toBe(18.58);
    expect(r.latencyMs.p99).toBe(1020);
    expect([r.non2xx, r.socketErrors, r.requests]).toEqual([7, 0, 5533]);
  });

  it("prefers wrk-post.lua's WRK_JSON line for error counts", () => {
    const line = 'WRK_JSON {"requests":5533,"duration_s":2.003,"requests_per_s":2762.4,"latency_us":{"p50":612,"p90":18583,"p99":1020000,"max":1100000,"mean":16311.3},"non_2xx":3,"errors":{"connect":1,"read":2,"write":0,"timeout":4}}\n';
    const r = parseWrk(WRK_OUT + line);
    expect([r.non2xx, r.socketErrors]).toEqual([3, 7]);
  });

  it('refuses output without --latency percentiles', () => {
    expect(() => parseWrk(WRK_OUT.replace(/ {2}Latency Distribution[\s\S]*?(?= {2}5533)/, ''))).toThrow(/--latency/);
    expect(durationMs('2m')).toBe(120_000);
    expect(durationMs('n/a')).toBeNull();
  });
});

describe('bench:serve report', () => {
  const fig = (rps, p50, p99) => ({ requests_per_second: rps, p50_ms: p50, p99_ms_at_half_load: p99 });
  const ours = { predict: fig(15_000, 2, 3), 'predict-explained': fig(9_000, 3, 4), 'predict-with-shadow': fig(13_000, 2.2, 6) };
  const peers = { 'fastify-ceiling': fig(24_000, 1.2, 1.5), 'fastapi-xgboost': { error: 'python3-fastapi missing' } };

  it('gives one row per case, figure and peer; variants are compared with shopfloor-alone; a failed peer keeps its row', () => {
    const rows = resultRows(ours, peers);
    expect(rows).toHaveLength(2 * 3 + 2 * 3 + 3);
    const shadow = rows.filter((r) => r.case === 'predict-with-shadow');
    expect(new Set(shadow.map((r) => r.peer))).toEqual(new Set(['shopfloor-alone']));
    expect(shadow.find((r) => r.figure === 'requests_per_second').peerValue).toBe(15_000);
    const fastapi = rows.find((r) => r.case === 'predict' && r.peer === 'fastapi-xgboost');
    expect(fastapi.peerValue).toBeNull();
    expect(fastapi.note).toMatch(/failed/);
    expect(rows.some((r) => r.case === 'predict-ab')).toBe(false);
    const parsed = JSON.parse(jsonLine(rows));
    expect(parsed.bench).toBe('serve');
    expect(Object.keys(parsed.rows[0])).toEqual(['case', 'figure', 'ours', 'peer', 'peerValue', 'better']);
  });

  it("checks the issue's targets against the same run", () => {
    const t = Object.fromEntries(targets(resultRows(ours, peers)).map((x) => [x.target, x.met]));
    expect(t['predict: requests_per_second >= 60% of fastify-ceiling']).toBe(true);
    expect(t['predict: requests_per_second >= 3x fastapi-xgboost']).toBeNull();
    expect(t['predict-explained: requests_per_second >= 40% of fastify-ceiling']).toBe(false);
    expect(t['predict-with-shadow: a shadow costs <= 10% of throughput']).toBe(false);
    expect(t['predict-with-shadow: p99_ms_at_half_load < 5']).toBe(false);
    expect(t['predict: p99_ms_at_half_load < 5']).toBe(true);
  });
});
