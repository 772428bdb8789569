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
import net from 'node:net';
import { Worker } from 'node:worker_threads';
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
 * (NaN when it never did), both relative to the same start; sentMs: when the client dispatched it (to a
 * free socket, or to the queue for one: that wait is the server's doing and counts in latency, not in
 * the send lag, which is the client's own delay).
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

const CRLFCRLF = Buffer.from('\r\n\r\n');

/** The whole request for one body: request line, Host, Content-Type, Content-Length, Authorization, body. */
function requestBuffer(target, body, token) {
  const head =
    `POST ${target.pathname + target.search} HTTP/1.1\r\n` +
    `Host: ${target.host}\r\n` +
    'Content-Type: application/json\r\n' +
    `Content-Length: ${body.length}\r\n` +
    (token ? `Authorization: Bearer ${token}\r\n` : '') +
    '\r\n';
  return Buffer.concat([Buffer.from(head, 'latin1'), body]);
}

/**
 * A fixed pool of raw keep-alive HTTP/1.1 sockets, one request in flight per socket, no pipelining.
 * send(ctx, i, buf) writes at once on a free socket or queues (FIFO) until one frees; when the answer
 * (or a socket error/close) arrives it calls ctx.done(i, ok) with ok = 2xx. A socket that dies is
 * reopened when a request next needs it (so a dead server costs one connect attempt per request, as
 * with node:http's Agent, never a reconnect loop).
 */
class RawPool {
  constructor(target, connections) {
    this.host = target.hostname.replace(/^\[|\]$/g, '');
    this.port = Number(target.port || 80);
    this.slots = [];
    this.free = []; // slots with a live socket and nothing in flight
    this.dead = []; // slots whose socket died (reopened on demand)
    this.qCtx = [];
    this.qIdx = [];
    this.qBuf = [];
    this.qHead = 0;
    this.closed = false;
    for (let s = 0; s < connections; s++) this.slots.push({ socket: null, ctx: null, i: -1, connected: false });
  }

  /** Opens every socket; resolves when each has connected or failed (failed ones are reopened on demand). */
  open() {
    return Promise.all(
      this.slots.map(
        (slot) =>
          new Promise((resolve) => {
            this.connect(slot);
            slot.socket.once('connect', resolve);
            slot.socket.once('close', resolve);
          }),
      ),
    ).then(() => {
      for (const slot of this.slots) if (slot.socket && slot.connected && slot.ctx === null) this.free.push(slot);
    });
  }

  connect(slot) {
    const socket = net.connect({ host: this.host, port: this.port, noDelay: true });
    socket.setNoDelay(true);
    slot.socket = socket;
    slot.connected = false;
    slot.chunks = null; // unparsed bytes of the current answer (null when none)
    slot.status = 0;
    slot.bodyStart = -1; // offset of the body in the joined chunks once the headers are complete
    slot.bodyLength = -1; // Content-Length, or -1 chunked, or -2 to close
    slot.chunkPos = 0; // chunked: where the next chunk-size line starts (relative to bodyStart)
    socket.on('connect', () => (slot.connected = true));
    socket.on('data', (d) => this.onData(slot, socket, d));
    socket.on('error', () => {});
    socket.on('close', () => this.onClose(slot, socket));
  }

  send(ctx, i, buf) {
    if (this.qHead < this.qCtx.length) return this.enqueue(ctx, i, buf);
    const slot = this.take();
    if (slot === null) return this.enqueue(ctx, i, buf);
    this.write(slot, ctx, i, buf);
  }

  take() {
    if (this.free.length > 0) return this.free.pop();
    if (this.dead.length > 0 && !this.closed) {
      const slot = this.dead.pop();
      this.connect(slot);
      return slot;
    }
    return null;
  }

  enqueue(ctx, i, buf) {
    this.qCtx.push(ctx);
    this.qIdx.push(i);
    this.qBuf.push(buf);
  }

  write(slot, ctx, i, buf) {
    slot.ctx = ctx;
    slot.i = i;
    slot.socket.write(buf);
  }

  /** The slot is idle again: hand it the oldest queued request, or park it as free. */
  release(slot) {
    if (this.qHead < this.qCtx.length) {
      const h = this.qHead++;
      const ctx = this.qCtx[h];
      const i = this.qIdx[h];
      const buf = this.qBuf[h];
      this.qCtx[h] = this.qBuf[h] = null;
      if (this.qHead === this.qCtx.length) this.dropQueued();
      this.write(slot, ctx, i, buf);
    } else this.free.push(slot);
  }

  /** Empties the queue: once it has been served, or when the caller gives up on what is still in it. */
  dropQueued() {
    this.qCtx.length = this.qIdx.length = this.qBuf.length = 0;
    this.qHead = 0;
  }

  finish(slot, ok) {
    const ctx = slot.ctx;
    const i = slot.i;
    slot.ctx = null;
    slot.i = -1;
    slot.chunks = null;
    slot.bodyStart = -1;
    ctx.done(i, ok);
  }

  onData(slot, socket, d) {
    if (slot.socket !== socket) return;
    if (slot.ctx === null) {
      socket.destroy(); // bytes nobody asked for: the connection is out of step
      return;
    }
    let buf = slot.chunks === null ? d : Buffer.concat([slot.chunks, d]);
    if (slot.bodyStart < 0) {
      const end = buf.indexOf(CRLFCRLF);
      if (end < 0) {
        slot.chunks = buf;
        return;
      }
      const head = buf.latin1Slice(0, end).toLowerCase();
      slot.status = Number(head.slice(9, 12));
      slot.bodyStart = end + 4;
      slot.chunkPos = 0;
      slot.closeAfter = /\r\nconnection:[ \t]*close/.test(head);
      const cl = head.match(/\r\ncontent-length:[ \t]*(\d+)/);
      if (/\r\ntransfer-encoding:[^\r]*chunked/.test(head)) slot.bodyLength = -1;
      else if (cl) slot.bodyLength = Number(cl[1]);
      else if (slot.status === 204 || slot.status === 304 || (slot.status >= 100 && slot.status < 200)) slot.bodyLength = 0;
      else slot.bodyLength = -2;
    }
    const body = buf.length - slot.bodyStart;
    let complete = false;
    if (slot.bodyLength >= 0) complete = body >= slot.bodyLength;
    else if (slot.bodyLength === -1) complete = this.chunkedComplete(slot, buf);
    if (!complete) {
      slot.chunks = buf;
      return;
    }
    const status = slot.status;
    if (status >= 100 && status < 200) {
      // An interim answer (100 Continue): the real one follows.
      const rest = buf.subarray(slot.bodyStart);
      slot.chunks = null;
      slot.bodyStart = -1;
      if (rest.length > 0) this.onData(slot, socket, rest);
      return;
    }
    const closeAfter = slot.closeAfter;
    this.finish(slot, status >= 200 && status < 300);
    if (closeAfter) {
      slot.socket = null;
      socket.destroy();
      this.dead.push(slot);
      this.pump();
    } else this.release(slot);
  }

  /** Chunked body: walks the chunk-size lines from slot.chunkPos; true once the 0-chunk and its blank line are in. */
  chunkedComplete(slot, buf) {
    let pos = slot.bodyStart + slot.chunkPos;
    for (;;) {
      const eol = buf.indexOf('\r\n', pos, 'latin1');
      if (eol < 0) return false;
      const size = parseInt(buf.latin1Slice(pos, eol), 16);
      if (!(size >= 0)) return true; // malformed: take what came as the answer
      if (size === 0) {
        // Last chunk: optional trailers, then an empty line.
        if (buf.length >= eol + 4 && buf[eol + 2] === 13 && buf[eol + 3] === 10) return true;
        return buf.indexOf(CRLFCRLF, eol) >= 0;
      }
      const next = eol + 2 + size + 2;
      if (buf.length < next) return false;
      pos = next;
      slot.chunkPos = pos - slot.bodyStart;
    }
  }

  onClose(slot, socket) {
    if (slot.socket !== socket) return;
    slot.socket = null;
    const fi = this.free.indexOf(slot);
    if (fi >= 0) this.free.splice(fi, 1);
    if (slot.ctx !== null) {
      // A body delimited by the close itself is a complete answer; anything else was cut off.
      const ok = slot.bodyStart >= 0 && slot.bodyLength === -2 && slot.status >= 200 && slot.status < 300;
      this.finish(slot, ok);
    }
    this.dead.push(slot);
    this.pump();
  }

  /** Sends queued requests on reopened sockets (after a socket died while requests were waiting). */
  pump() {
    while (this.qHead < this.qCtx.length && !this.closed) {
      const slot = this.take();
      if (slot === null) return;
      this.release(slot);
    }
  }

  destroy() {
    this.closed = true;
    this.dropQueued();
    for (const slot of this.slots) if (slot.socket) slot.socket.destroy();
  }
}

/** How often the Ticker wakes the send loop while the next request is due within 2 ms. */
const TICK_MS = 0.2;

/**
 * A sub-millisecond clock for the send loop that does not burn a core: while armed, a worker thread
 * sleeps in Atomics.wait (a futex with a microsecond timeout) for `intervalMs` and then wakes the main
 * thread with a message; a shared flag keeps at most one wake-up outstanding, so a busy main thread is
 * never flooded. Disarmed, the worker sleeps until armed again. (setTimeout is only millisecond-accurate;
 * a setImmediate spin is accurate but keeps a whole core busy, which on a small machine is taken from the
 * server under test. One tick costs ~40 us of CPU, so ~0.15 core at TICK_MS = 0.2.)
 */
class Ticker {
  constructor(intervalMs) {
    this.ctrl = new Int32Array(new SharedArrayBuffer(16)); // [sleep word, stop, wake-up outstanding, armed]
    this.onTick = null;
    const code = `
      const { parentPort, workerData } = require('node:worker_threads');
      const ctrl = new Int32Array(workerData.sab);
      while (Atomics.load(ctrl, 1) === 0) {
        if (Atomics.load(ctrl, 3) === 0) {
          Atomics.wait(ctrl, 3, 0);
          continue;
        }
        Atomics.wait(ctrl, 0, 0, workerData.intervalMs);
        if (Atomics.load(ctrl, 3) === 1 && Atomics.compareExchange(ctrl, 2, 0, 1) === 0) parentPort.postMessage(0);
      }`;
    this.worker = new Worker(code, { eval: true, workerData: { sab: this.ctrl.buffer, intervalMs } });
    this.worker.unref();
    this.worker.on('message', () => {
      Atomics.store(this.ctrl, 2, 0);
      if (this.onTick !== null) this.onTick();
    });
    this.worker.on('error', () => {});
  }

  arm() {
    if (Atomics.exchange(this.ctrl, 3, 1) === 0) Atomics.notify(this.ctrl, 3);
  }

  disarm() {
    Atomics.store(this.ctrl, 3, 0);
  }

  stop() {
    Atomics.store(this.ctrl, 1, 1);
    Atomics.store(this.ctrl, 3, 1);
    Atomics.notify(this.ctrl, 3);
    Atomics.notify(this.ctrl, 0);
    return this.worker.terminate();
  }
}

/**
 * Sends `rate` requests per second for `seconds` (after `warmup` seconds at the same rate, not counted)
 * through `connections` keep-alive sockets, opened before the schedule starts; requests due while every
 * socket is busy wait in a FIFO queue, and that wait counts. Bodies are used round robin. Answers still
 * missing `graceSeconds` after the last due time count as errors.
 *
 * The transport is raw HTTP/1.1 over node:net (precomputed request bytes, minimal answer parsing):
 * node:http costs tens of microseconds of client CPU per request, enough to make the client lag its
 * schedule and steal CPU from the server under test at a few thousand requests per second.
 */
export async function runOpenLoop({ url, bodies, token, rate, seconds, warmup = 1, connections = 64, graceSeconds = 5 }) {
  const target = new URL(url);
  if (target.protocol !== 'http:') throw new Error(`open-loop speaks plain http only; got ${url}`);
  const requests = bodies.map((b) => requestBuffer(target, Buffer.from(typeof b === 'string' ? b : JSON.stringify(b)), token));
  const pool = new RawPool(target, connections);
  const ticker = new Ticker(TICK_MS);
  try {
    await pool.open();
    if (warmup > 0) await fire({ pool, ticker, requests, due: schedule(rate, warmup), graceSeconds });
    const due = schedule(rate, seconds);
    const r = await fire({ pool, ticker, requests, due, graceSeconds });
    return { rate, seconds, connections, ...summarize(r) };
  } finally {
    pool.destroy();
    await ticker.stop();
  }
}

/**
 * The send loop. Between due times it sleeps with setTimeout when the next one is >= 2 ms away; when it
 * is closer (timers are only millisecond-accurate) the Ticker wakes it every TICK_MS. A setImmediate spin
 * was tried instead: at 9,000 req/s its send lag p99 was 20 ms against 1.8-2.8 ms with the Ticker, since
 * the spin takes a core from the server.
 */
function fire({ pool, ticker, requests, due, graceSeconds }) {
  const n = due.length;
  const sentMs = new Float64Array(n).fill(NaN);
  const doneMs = new Float64Array(n).fill(NaN);
  const ok = new Uint8Array(n);
  const t0 = performance.now() + 5;
  let next = 0;
  let pending = 0;
  return new Promise((resolve) => {
    let finished = false;
    let grace;
    const finish = () => {
      if (finished) return;
      finished = true;
      clearTimeout(grace);
      clearTimeout(timer);
      ticker.onTick = null;
      ticker.disarm();
      pool.dropQueued();
      resolve({ dueMs: due, sentMs, doneMs, ok });
    };
    const ctx = {
      done(i, good) {
        if (finished) return;
        doneMs[i] = performance.now() - t0;
        ok[i] = good ? 1 : 0;
        pending--;
        if (next === n && pending === 0) finish();
      },
    };
    const nb = requests.length;
    let sentAll = false;
    let timer = null;
    const tick = () => {
      if (sentAll) return;
      const now = performance.now() - t0;
      while (next < n && due[next] <= now) {
        const i = next++;
        pending++;
        sentMs[i] = performance.now() - t0;
        pool.send(ctx, i, requests[i % nb]);
      }
      if (next === n) {
        sentAll = true;
        ticker.onTick = null;
        ticker.disarm();
        if (pending === 0) finish();
        else grace = setTimeout(finish, graceSeconds * 1000);
        return;
      }
      const wait = due[next] - (performance.now() - t0);
      if (wait >= 2) {
        ticker.disarm();
        clearTimeout(timer); // a tick from the ticker may come while a timer is pending
        timer = setTimeout(tick, wait - 1);
      } else ticker.arm(); // it calls tick again within its interval
    };
    ticker.onTick = tick;
    timer = setTimeout(tick, 5);
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
