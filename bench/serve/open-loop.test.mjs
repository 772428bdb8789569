// The open-loop client: its schedule and percentile arithmetic, latency timed from the due time, and a real run against a local server.
import http from 'node:http';
import { describe, expect, it } from 'vitest';
import { percentile, runOpenLoop, schedule, selfCheck, summarize } from './open-loop.mjs';

describe('bench:serve open-loop client', () => {
  it('passes its own --self-check', () => {
    expect(selfCheck()).toEqual([]);
  });

  it('schedules floor(rate x seconds) sends one period apart', () => {
    const due = schedule(200, 1.5);
    expect(due.length).toBe(300);
    expect(due[1]).toBeCloseTo(5, 12);
    expect(due[299]).toBeCloseTo(1495, 9);
    expect(() => schedule(0, 1)).toThrow(/rate > 0/);
  });

  it('takes nearest-rank percentiles', () => {
    const xs = [5, 1, 4, 2, 3].sort((a, b) => a - b);
    expect([percentile(xs, 20), percentile(xs, 50), percentile(xs, 90), percentile(xs, 100)]).toEqual([1, 3, 5, 5]);
    expect(percentile([], 99)).toBeNull();
  });

  it('counts the wait behind a stall (coordinated omission) by timing from the due time', () => {
    // Ten requests due every 1 ms; the server stalls 100 ms on the first, so the client sent the rest late.
    const dueMs = Array.from({ length: 10 }, (_, i) => i);
    const sentMs = [0, ...Array(9).fill(100)];
    const doneMs = [100, ...Array.from({ length: 9 }, (_, i) => 101 + i * 0.1)];
    const s = summarize({ dueMs, sentMs, doneMs, ok: Array(10).fill(1) });
    // From the actual send the nine late ones took 1-2 ms; from their due times they took ~92-100 ms.
    expect(s.p50Ms).toBeGreaterThan(90);
    expect(s.p99Ms).toBe(100);
    expect(s.sendLagP50Ms).toBe(94);
    expect(s.errors).toBe(0);
  });

  it('sends every scheduled request with the token and bodies round robin, and counts non-2xx answers as errors', async () => {
    const seen = [];
    const server = http.createServer((req, res) => {
      let body = '';
      req.on('data', (c) => (body += c));
      req.on('end', () => {
        seen.push({ auth: req.headers.authorization, body });
        res.writeHead(JSON.parse(body).n === 3 ? 500 : 200, { 'content-type': 'application/json' }).end('{"ok":true}');
      });
    });
    await new Promise((r) => server.listen(0, '127.0.0.1', r));
    try {
      const { port } = server.address();
      const bodies = [1, 2, 3].map((n) => ({ n }));
      const r = await runOpenLoop({ url: `http://127.0.0.1:${port}/predict`, bodies, token: 'tok', rate: 200, seconds: 0.3, warmup: 0, connections: 4 });
      expect(r.scheduled).toBe(60);
      expect(r.answered + r.errors).toBe(60);
      expect(r.errors).toBe(20);
      expect(seen).toHaveLength(60);
      expect(new Set(seen.map((s) => s.auth))).toEqual(new Set(['Bearer tok']));
      expect(seen.filter((s) => s.body === '{"n":2}')).toHaveLength(20);
      expect(r.p99Ms).not.toBeNull();
    } finally {
      await new Promise((r) => server.close(r));
    }
  });
});
