// Copies predict requests to other Shopfloor instances: allow-listed URLs, fire-and-forget, a bounded queue whose losses are counted.
import { ShopfloorError } from '@shopfloor/contracts';

export interface MirrorStats {
  queued: number;
  inFlight: number;
  sent: number;
  /** Answered with an error status, refused the connection or timed out. */
  failed: number;
  /** Not queued: the queue was full. */
  dropped: number;
  /** Not sent: the URL is not (any more) in the allow-list. */
  refused: number;
}

export interface MirrorReply {
  status: number | null;
  body: unknown;
  error: string | null;
  latencyMs: number;
}

export interface MirrorQueue {
  /** Queues one POST; false when it was dropped (queue full) or refused (URL not allowed). Never throws, never waits. */
  send(url: string, body: unknown, onReply?: (reply: MirrorReply) => void): boolean;
  stats(): MirrorStats;
  /** Resolves when nothing is queued or in flight. */
  idle(): Promise<void>;
  /** Drops what is queued and aborts what is in flight. */
  close(): void;
}

export interface MirrorQueueOptions {
  /** URL prefixes mirrors may post to (SHOPFLOOR_MIRROR_ALLOW). */
  allow: readonly string[];
  /** Sent as `Authorization: Bearer <token>` to the other instance. */
  token?: string | undefined;
  maxQueue?: number;
  concurrency?: number;
  timeoutMs?: number;
  fetch?: typeof globalThis.fetch;
}

/** Marks a mirrored copy, so the receiving instance never mirrors it on (two instances mirroring each other would loop). */
export const MIRROR_HEADER = 'x-shopfloor-mirrored';

export const DEFAULT_MIRROR_QUEUE = 200;
export const DEFAULT_MIRROR_CONCURRENCY = 4;
export const DEFAULT_MIRROR_TIMEOUT_MS = 5000;

/** Whether `url` starts with one of the allowed prefixes: same scheme, host and port, and a path under the prefix's. */
export function mirrorAllowed(url: string, allow: readonly string[]): boolean {
  let target: URL;
  try {
    target = new URL(url);
  } catch {
    return false;
  }
  return allow.some((prefix) => {
    try {
      const p = new URL(prefix);
      const path = p.pathname.endsWith('/') ? p.pathname : `${p.pathname}/`;
      return p.origin === target.origin && (target.pathname === p.pathname || target.pathname.startsWith(path) || p.pathname === '/');
    } catch {
      return false;
    }
  });
}

/** DEPLOYMENT_MIRROR_NOT_ALLOWED naming the field, when a deployment names a URL outside the allow-list. */
export function checkMirrorUrl(url: string, allow: readonly string[], field: string): void {
  if (!mirrorAllowed(url, allow)) {
    throw new ShopfloorError(
      'DEPLOYMENT_MIRROR_NOT_ALLOWED',
      allow.length === 0 ? `Mirroring is off: SHOPFLOOR_MIRROR_ALLOW names no URL, so ${url} cannot be a mirror` : `${url} is not under any allowed mirror prefix (${allow.join(', ')})`,
      { field, url, allowed: [...allow] },
    );
  }
}

export function createMirrorQueue(opts: MirrorQueueOptions): MirrorQueue {
  const maxQueue = opts.maxQueue ?? DEFAULT_MIRROR_QUEUE;
  const concurrency = opts.concurrency ?? DEFAULT_MIRROR_CONCURRENCY;
  const timeoutMs = opts.timeoutMs ?? DEFAULT_MIRROR_TIMEOUT_MS;
  const doFetch = opts.fetch ?? globalThis.fetch;
  const queue: { url: string; body: unknown; onReply: ((r: MirrorReply) => void) | undefined }[] = [];
  const controllers = new Set<AbortController>();
  const counts = { sent: 0, failed: 0, dropped: 0, refused: 0 };
  let waiters: (() => void)[] = [];

  function settle(): void {
    if (queue.length > 0 || controllers.size > 0) return;
    const w = waiters;
    waiters = [];
    for (const resolve of w) resolve();
  }

  async function post(job: (typeof queue)[number]): Promise<void> {
    const controller = new AbortController();
    controllers.add(controller);
    const timer = setTimeout(() => controller.abort(), timeoutMs);
    const started = performance.now();
    let reply: MirrorReply;
    try {
      const res = await doFetch(job.url, {
        method: 'POST',
        headers: { 'content-type': 'application/json', [MIRROR_HEADER]: '1', ...(opts.token === undefined ? {} : { authorization: `Bearer ${opts.token}` }) },
        body: JSON.stringify(job.body),
        signal: controller.signal,
      });
      const text = await res.text();
      let body: unknown = text;
      try {
        body = JSON.parse(text);
      } catch {
        // not JSON: kept as text
      }
      reply = { status: res.status, body, error: res.ok ? null : `HTTP ${res.status}`, latencyMs: performance.now() - started };
    } catch (e) {
      reply = { status: null, body: null, error: controller.signal.aborted ? `no answer within ${timeoutMs} ms` : e instanceof Error ? e.message : String(e), latencyMs: performance.now() - started };
    } finally {
      clearTimeout(timer);
      controllers.delete(controller);
    }
    if (reply.error === null) counts.sent++;
    else counts.failed++;
    try {
      job.onReply?.(reply);
    } catch {
      // a reply handler's failure must not stop the queue
    }
    next();
  }

  function next(): void {
    while (controllers.size < concurrency && queue.length > 0) void post(queue.shift()!);
    settle();
  }

  return {
    send(url, body, onReply) {
      if (!mirrorAllowed(url, opts.allow)) {
        counts.refused++;
        return false;
      }
      if (queue.length >= maxQueue) {
        counts.dropped++;
        return false;
      }
      queue.push({ url, body, onReply });
      // Started on a later turn: the request that triggered the copy is answered first.
      setImmediate(next);
      return true;
    },
    stats: () => ({ queued: queue.length, inFlight: controllers.size, ...counts }),
    idle() {
      return queue.length === 0 && controllers.size === 0 ? Promise.resolve() : new Promise<void>((resolve) => waiters.push(resolve));
    },
    close() {
      counts.dropped += queue.length;
      queue.length = 0;
      for (const c of controllers) c.abort();
      settle();
    },
  };
}
