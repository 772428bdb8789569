// Open-loop load: POSTs sent on a fixed schedule, latency timed from each SCHEDULED send (coordinated omission counted).
//
// wrk is closed-loop: a slow answer delays the next request on that connection, so a stall hides the
// requests that would have queued behind it. Here request i is due at t0 + i / rate whatever happened
// before; its latency is (answer received) - (due time), so a stall of the server, a full connection pool
// or a late client all show up in the percentiles.
//
//   due:      |----|----|----|----|----|        (period = 1000 / rate ms)
//   sent:     |----|---- ..stall.. |||-|----|   (late sends are sent at once, in order)
//   latency:  from each "|" of `due`, never from the actual send
//
// Usage as a program (prints one JSON line): node bench/serve/open-loop.mjs --url URL --rate N --seconds S
//   [--body JSON] [--token T] [--connections N] [--warmup S]
//   node bench/serve/open-loop.mjs --self-check   (checks the schedule and percentile arithmetic, exits 0/1)
import http from 'node:http';
import { performance } from 'node:perf_hooks';
import { fileURLToPath } from 'node:url';

/** Due times in ms after the start: i * (1000 / rate) for i = 0 .. floor(rate * seconds) - 1. */
export function schedule(rate, seconds) {
  if (!(rate > 0) || !(seconds > 0)) throw new Error(`schedule needs rate > 0 and seconds > 0; got ${rate}, ${seconds}`);
  const n = Math.floor(rate * seconds);
  const period = 1000 / rate;
  const due = new Float64Array(n);
  for (let i = 0; i < n; i++) due[i] = i * period;
  return due;
}

/** Nearest-rank percentile (p in 0..100] of ascending `sorted`: the smallest value with at least p% of values <= it. */
export function percentile(sorted, p) {
  if (sorted.length === 0) return null;
  const rank = Math.ceil((p / 100) * sorted.length);
  return sorted[Math.min(sorted.length, Math.max(1, rank)) - 1];
}

/**
 * Summary of one run. dueMs / doneMs: per request, its due time and the time its answer arrived
 * (NaN when it never did), both relative to the same start; sentMs: when it actually left.
 * Latency = done - due. Achieved rate = answered requests over the span from the first due time to
 * the last answer.
 */
export function summarize({ dueMs, sentMs, doneMs, ok }) {
  const n = dueMs.length;
  const latencies = [];
  const lags = [];
  let errors = 0;
  let lastDone = 0;
  for (let i = 0; i < n; i++) {
    if (Number.isFinite(sentMs[i])) lags.push(sentMs[i] - dueMs[i]);
    if (!ok[i] || !Number.isFinite(doneMs[i])) {
      errors++;
      continue;
    }
    latencies.push(doneMs[i] - dueMs[i]);
    if (doneMs[i] > lastDone) lastDone = doneMs[i];
  }
  latencies.sort((a, b) => a - b);
  lags.sort((a, b) => a - b);
  const span = n === 0 ? 0 : lastDone - dueMs[0];
  return {
    scheduled: n,
    answered: latencies.length,
    errors,
    achievedRate: span > 0 ? (latencies.length / span) * 1000 : null,
    p50Ms: percentile(latencies, 50),
    p90Ms: percentile(latencies, 90),
    p99Ms: percentile(latencies, 99),
    maxMs: latencies.length ? latencies[latencies.length - 1] : null,
    sendLagP50Ms: percentile(lags, 50),
    sendLagP99Ms: percentile(lags, 99),
  };
}

/** One keep-alive POST; resolves to whether the answer was 2xx (the body is drained, never parsed). */
function post(agent, target, body, headers) {
  return new Promise((resolve) => {
    const req = http.request({ agent, host: target.hostname, port: target.port, path: target.pathname + target.search, method: 'POST', headers }, (res) => {
      res.on('data', () => {});
      res.on('end', () => resolve(res.statusCode >= 200 && res.statusCode < 300));
      res.on('error', () => resolve(false));
    });
    req.on('error', () => resolve(false));
    req.end(body);
  });
}

/**
 * Sends `rate` requests per second for `seconds` (after `warmup` seconds at the same rate, not counted)
 * through `connections` keep-alive sockets; requests due while every socket is busy wait in the agent's
 * queue, and that wait counts. Bodies are used round robin. Answers still missing `graceSeconds` after
 * the last due time count as errors.
 */
export async function runOpenLoop({ url, bodies, token, rate, seconds, warmup = 1, connections = 64, graceSeconds = 5 }) {
  const target = new URL(url);
  const agent = new http.Agent({ keepAlive: true, maxSockets: connections, maxFreeSockets: connections });
  const encoded = bodies.map((b) => Buffer.from(typeof b === 'string' ? b : JSON.stringify(b)));
  const headersOf = (buf) => ({ 'content-type': 'application/json', 'content-length': buf.length, ...(token ? { authorization: `Bearer ${token}` } : {}) });
  const headers = encoded.map(headersOf);
  try {
    if (warmup > 0) await fire({ agent, target, encoded, headers, due: schedule(rate, warmup), graceSeconds });
    const due = schedule(rate, seconds);
    const r = await fire({ agent, target, encoded, headers, due, graceSeconds });
    return { rate, seconds, connections, ...summarize(r) };
  } finally {
    agent.destroy();
  }
}

/**
 * The send loop. Between due times it sleeps with setTimeout when the next one is >= 2 ms away and
 * spins with setImmediate (I/O still runs between turns) when it is closer, since timers are only
 * millisecond-accurate.
 */
function fire({ agent, target, encoded, headers, due, graceSeconds }) {
  const n = due.length;
  const sentMs = new Float64Array(n).fill(NaN);
  const doneMs = new Float64Array(n).fill(NaN);
  const ok = new Uint8Array(n);
  const t0 = performance.now() + 5;
  let next = 0;
  let pending = 0;
  return new Promise((resolve) => {
    let finished = false;
    const finish = () => {
      if (finished) return;
      finished = true;
      clearTimeout(grace);
      resolve({ dueMs: due, sentMs, doneMs, ok });
    };
    let grace;
    const send = (i) => {
      const k = i % encoded.length;
      sentMs[i] = performance.now() - t0;
      pending++;
      post(agent, target, encoded[k], headers[k]).then((good) => {
        doneMs[i] = performance.now() - t0;
        ok[i] = good ? 1 : 0;
        pending--;
        if (next === n && pending === 0) finish();
      });
    };
    const tick = () => {
      const now = performance.now() - t0;
      while (next < n && due[next] <= now) send(next++);
      if (next === n) {
        if (pending === 0) finish();
        else grace = setTimeout(finish, graceSeconds * 1000);
        return;
      }
      const wait = due[next] - (performance.now() - t0);
      if (wait >= 2) setTimeout(tick, wait - 1);
      else setImmediate(tick);
    };
    setTimeout(tick, 5);
  });
}

/** The arithmetic checks behind `--self-check` (also run by open-loop.test.mjs): returns a list of failures. */
export function selfCheck() {
  const failures = [];
  const expect = (what, got, want) => {
    if (JSON.stringify(got) !== JSON.stringify(want)) failures.push(`${what}: got ${JSON.stringify(got)}, want ${JSON.stringify(want)}`);
  };
  expect('schedule(4, 1)', [...schedule(4, 1)], [0, 250, 500, 750]);
  expect('schedule(1000, 0.0025).length', schedule(1000, 0.0025).length, 2);
  const xs = Array.from({ length: 100 }, (_, i) => i + 1);
  expect('p50 of 1..100', percentile(xs, 50), 50);
  expect('p99 of 1..100', percentile(xs, 99), 99);
  expect('p100 of 1..100', percentile(xs, 100), 100);
  expect('p99 of [7]', percentile([7], 99), 7);
  // A 40 ms stall: the request due at 10 was sent at 10 but answered at 50; those due at 20 and 30 were
  // sent late (at 50) and answered at 51. Timed from the actual send they would look fast (1 ms).
  const s = summarize({ dueMs: [0, 10, 20, 30], sentMs: [0, 10, 50, 50], doneMs: [1, 50, 51, 51], ok: [1, 1, 1, 1] });
  expect('latencies from due time', [s.p50Ms, s.maxMs], [21, 40]);
  expect('send lag p99', s.sendLagP99Ms, 30);
  expect('achieved rate', s.achievedRate, (4 / 51) * 1000);
  const e = summarize({ dueMs: [0, 10], sentMs: [0, 10], doneMs: [2, NaN], ok: [1, 0] });
  expect('errors excluded from latencies', [e.errors, e.answered, e.p99Ms], [1, 1, 2]);
  return failures;
}

function parseCli(argv) {
  const o = { warmup: 1, connections: 64, bodies: ['{}'] };
  for (let i = 0; i < argv.length; i++) {
    const k = argv[i];
    const v = argv[++i];
    if (k === '--url') o.url = v;
    else if (k === '--rate') o.rate = Number(v);
    else if (k === '--seconds') o.seconds = Number(v);
    else if (k === '--warmup') o.warmup = Number(v);
    else if (k === '--connections') o.connections = Number(v);
    else if (k === '--token') o.token = v;
    else if (k === '--body') o.bodies = [v];
    else throw new Error(`unknown option ${k}`);
  }
  if (!o.url || !(o.rate > 0) || !(o.seconds > 0)) throw new Error('needs --url, --rate > 0 and --seconds > 0');
  return o;
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  if (process.argv.includes('--self-check')) {
    const failures = selfCheck();
    for (const f of failures) console.error(`FAIL ${f}`);
    console.log(failures.length === 0 ? 'open-loop self-check: all arithmetic checks pass' : `open-loop self-check: ${failures.length} failed`);
    process.exit(failures.length === 0 ? 0 : 1);
  }
  runOpenLoop(parseCli(process.argv.slice(2))).then(
    (r) => console.log(JSON.stringify(r)),
    (e) => {
      console.error(`open-loop: ${e.message}`);
      process.exit(2);
    },
  );
}
