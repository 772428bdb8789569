// The open-loop client: its schedule and percentile arithmetic, latency timed from the due time, and a real run against a local server.
import http from 'node:http';
import { performance } from 'node:perf_hooks';
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

  /** Starts a node:http server on a free loopback port; returns its /predict URL and a close(). */
  async function serve(handler) {
    const server = http.createServer((req, res) => {
      let body = '';
      req.on('data', (c) => (body += c));
      req.on('end', () => handler(req, res, body));
    });
    await new Promise((r) => server.listen(0, '127.0.0.1', r));
    const { port } = server.address();
    return {
      url: `http://127.0.0.1:${port}/predict?x=1`,
      close: () => {
        server.closeAllConnections?.();
        return new Promise((r) => server.close(r));
      },
    };
  }

  it('answers and counts every scheduled request over raw keep-alive sockets (warm-up not counted)', async () => {
    let seen = 0;
    const paths = new Set();
    const s = await serve((req, res, body) => {
      seen++;
      paths.add(`${req.method} ${req.url} ${req.headers['content-type']} ${req.headers.host === new URL(s.url).host}`);
      expect(Number(req.headers['content-length'])).toBe(Buffer.byteLength(body));
      res.writeHead(200, { 'content-type': 'application/json' }).end('{"probability":0.5}');
    });
    try {
      const r = await runOpenLoop({ url: s.url, bodies: [{ a: 'é' }, '{"b":2}'], rate: 500, seconds: 0.2, warmup: 0.05, connections: 3 });
      expect(r).toMatchObject({ rate: 500, seconds: 0.2, connections: 3, scheduled: 100, answered: 100, errors: 0 });
      expect(seen).toBe(125);
      expect(paths).toEqual(new Set(['POST /predict?x=1 application/json true']));
      expect(r.p50Ms).toBeGreaterThan(0);
      expect(r.sendLagP99Ms).toBeGreaterThanOrEqual(0);
    } finally {
      await s.close();
    }
  });

  it('counts 500 answers as errors and the rest as answered', async () => {
    let k = 0;
    const s = await serve((req, res) => {
      res.writeHead(k++ % 4 === 0 ? 500 : 201).end('x');
    });
    try {
      const r = await runOpenLoop({ url: s.url, bodies: ['{}'], rate: 400, seconds: 0.1, warmup: 0, connections: 2 });
      expect([r.scheduled, r.answered, r.errors]).toEqual([40, 30, 10]);
    } finally {
      await s.close();
    }
  });

  it('parses chunked answers, including ones split across several data events and with a large body', async () => {
    let k = 0;
    const big = 'y'.repeat(200_000);
    const s = await serve((req, res) => {
      const n = k++;
      res.writeHead(200, { 'content-type': 'text/plain' }); // no content-length: node:http sends it chunked
      res.write('0\r\n\r\n'); // a body that looks like the terminating chunk must not end the answer
      if (n % 3 === 0) res.write(big);
      setTimeout(() => res.end('last'), n % 2 === 0 ? 5 : 0);
    });
    try {
      const r = await runOpenLoop({ url: s.url, bodies: ['{}'], rate: 300, seconds: 0.1, warmup: 0, connections: 2 });
      expect([r.scheduled, r.answered, r.errors]).toEqual([30, 30, 0]);
      // Half the answers end 5 ms after their first bytes: a parser that stopped early would time them < 5 ms.
      expect(r.p90Ms).toBeGreaterThanOrEqual(5);
    } finally {
      await s.close();
    }
  });

  it('counts a request whose socket the server destroys as an error, and later requests still succeed', async () => {
    let k = 0;
    const s = await serve((req, res, body) => {
      const n = k++;
      if (n === 3 || n === 4) req.socket.destroy();
      else if (n === 10) res.writeHead(200, { connection: 'close' }).end('bye'); // server closes after a good answer
      else res.writeHead(200, { 'content-length': 2 }).end('ok');
    });
    try {
      const r = await runOpenLoop({ url: s.url, bodies: ['{}'], rate: 300, seconds: 0.1, warmup: 0, connections: 2 });
      expect([r.scheduled, r.answered, r.errors]).toEqual([30, 28, 2]);
      expect(k).toBe(30);
    } finally {
      await s.close();
    }
  });

  it('times latency from the due time: a server that answers after 20 ms shows >= 20 ms', async () => {
    // setTimeout may fire a fraction of a ms early, so the server waits until 20 ms have really passed.
    const s = await serve((req, res) => {
      const t = performance.now();
      const answer = () => (performance.now() - t >= 20 ? res.writeHead(200, { 'content-length': 2 }).end('ok') : setTimeout(answer, 1));
      setTimeout(answer, 20);
    });
    try {
      const r = await runOpenLoop({ url: s.url, bodies: ['{}'], rate: 200, seconds: 0.1, warmup: 0, connections: 8 });
      expect([r.scheduled, r.answered, r.errors]).toEqual([20, 20, 0]);
      expect(r.p50Ms).toBeGreaterThanOrEqual(20);
      // 8 sockets, 20 ms each: at most 400 req/s; at 200 req/s nothing needs to queue.
      expect(r.maxMs).toBeLessThan(200);
    } finally {
      await s.close();
    }
  });

  it('counts every request as an error when nothing listens', async () => {
    const s = await serve(() => {});
    const url = s.url;
    await s.close();
    const r = await runOpenLoop({ url, bodies: ['{}'], rate: 200, seconds: 0.05, warmup: 0, connections: 2, graceSeconds: 1 });
    expect([r.scheduled, r.answered, r.errors]).toEqual([10, 0, 10]);
  });
});
