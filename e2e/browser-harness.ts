// The browser-test harness every UI test uses: `shopfloor demo` started as a user would, Debian's Chromium, a signed-in page that records console errors, screenshots kept in e2e/artifacts/.
import { spawn, type ChildProcessByStdio } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdir, mkdtemp, rm } from 'node:fs/promises';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Readable } from 'node:stream';
import { chromium, type BrowserContext, type Page } from 'playwright-core';
import { BIN, ROOT, requireBuiltCli } from './cli-run.js';

export const CHROMIUM = '/usr/bin/chromium';
export const ARTIFACTS_DIR = join(ROOT, 'e2e/artifacts');
const CHROMIUM_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
  '--disable-quic',
];
const READY_TIMEOUT_MS = 120_000;

type Child = ChildProcessByStdio<null, Readable, Readable>;

/** A `shopfloor demo` process: its URL, the admin token it printed (null on a rerun over the same data), its output. */
export interface DemoServer {
  url: string;
  token: string | null;
  dataDir: string;
  stdout: () => string;
  stderr: () => string;
  /** Ctrl-C, as a user stops it; resolves with the exit code. */
  stop: () => Promise<number | null>;
  /** Kills it if it still runs (afterAll: never leaves a server behind). */
  kill: () => void;
}

function cleanEnv(): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = {};
  for (const [key, value] of Object.entries(process.env)) if (!key.startsWith('SHOPFLOOR_')) env[key] = value;
  return env;
}

export async function freePort(): Promise<number> {
  return new Promise((resolvePort, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address !== null ? address.port : 0;
      server.close(() => resolvePort(port));
    });
  });
}

/** A fresh temp directory for one test file (its data dir and the browser profile live there). */
export async function workDir(prefix: string): Promise<{ path: string; remove: () => Promise<void> }> {
  const path = await mkdtemp(join(tmpdir(), `shopfloor-${prefix}-`));
  return { path, remove: () => rm(path, { recursive: true, force: true }) };
}

/**
 * Starts the built CLI's `shopfloor demo --port P --data-dir D` in `cwd` (bundled AI4I data, the
 * machine-failure use case and a trained champion) and resolves once it prints its URL. A second call on
 * the same data dir reuses everything; the token is then null (it is printed once only).
 */
export async function startDemo(cwd: string, dataDir: string, port?: number): Promise<DemoServer> {
  requireBuiltCli();
  const listenPort = port ?? (await freePort());
  const child: Child = spawn(process.execPath, [BIN, 'demo', '--port', String(listenPort), '--data-dir', dataDir], {
    cwd,
    env: cleanEnv(),
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stdout = '';
  let stderr = '';
  child.stdout.setEncoding('utf8').on('data', (chunk: string) => (stdout += chunk));
  child.stderr.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
  let exitCode: number | null | undefined;
  const exited = new Promise<number | null>((resolveExit) =>
    child.on('exit', (code) => {
      exitCode = code;
      resolveExit(code);
    }),
  );
  const server = {
    dataDir,
    stdout: () => stdout,
    stderr: () => stderr,
    stop: async () => {
      if (exitCode === undefined) child.kill('SIGINT');
      return exited;
    },
    kill: () => {
      if (exitCode === undefined) child.kill('SIGKILL');
    },
  };
  const started = Date.now();
  for (;;) {
    const url = /Shopfloor is running at (http:\/\/\S+)/.exec(stdout)?.[1];
    if (url !== undefined) {
      const token = /Admin token \(shown only now; keep it\): (sf_[A-Za-z0-9_-]+)\n/.exec(stdout)?.[1] ?? null;
      return { ...server, url, token };
    }
    if (exitCode !== undefined) throw new Error(`demo exited with ${exitCode} before serving:\n${stdout}\n${stderr}`);
    if (Date.now() - started > READY_TIMEOUT_MS) {
      server.kill();
      throw new Error(`demo printed no URL within ${READY_TIMEOUT_MS / 1000} s:\n${stdout}\n${stderr}`);
    }
    await new Promise((r) => setTimeout(r, 100));
  }
}

/** An HTTP call to the demo's API with the admin token; `body` is JSON. */
export async function apiCall<T>(server: Pick<DemoServer, 'url' | 'token'>, method: string, path: string, body?: unknown): Promise<{ status: number; body: T }> {
  if (server.token === null) throw new Error('this demo run printed no token (a rerun over old data)');
  const response = await fetch(`${server.url}/api/v1${path}`, {
    method,
    headers: { authorization: `Bearer ${server.token}`, ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
    body: body === undefined ? null : JSON.stringify(body),
  });
  const text = await response.text();
  return { status: response.status, body: (text === '' ? undefined : JSON.parse(text)) as T };
}

/** Debian's Chromium, headless, with a fresh profile in `profileDir` (inside the test's work dir): no network of its own, no first-run dialogs. */
export interface ChromiumSession {
  context: BrowserContext;
  /** A new tab whose console errors and page errors are collected under `name` (also its screenshots' prefix). */
  newPage: (name: string) => Promise<WatchedPage>;
  /** Every console error and page error of every page opened so far: a UI test ends by expecting none. */
  errors: () => string[];
  close: () => Promise<void>;
}

export async function launchChromium(profileDir: string): Promise<ChromiumSession> {
  if (!existsSync(CHROMIUM)) throw new Error(`${CHROMIUM} is missing: apt-get install -y chromium`);
  await mkdir(profileDir, { recursive: true });
  const context = await chromium.launchPersistentContext(profileDir, {
    executablePath: CHROMIUM,
    args: CHROMIUM_ARGS,
    viewport: { width: 1280, height: 900 },
  });
  const pages: WatchedPage[] = [];
  return {
    context,
    newPage: async (name) => {
      const watched = watchPage(await context.newPage(), name);
      pages.push(watched);
      return watched;
    },
    errors: () => pages.flatMap((p) => p.errors.map((e) => `[${p.name}] ${e}`)),
    close: () => context.close(),
  };
}

/** A page whose console errors and uncaught exceptions are collected; a UI test fails on any of them. */
export interface WatchedPage {
  page: Page;
  name: string;
  /** `console.error` lines and page errors, each prefixed with the URL it happened on. */
  errors: string[];
  /** Signs in the way a user does: the `#token=` link the demo prints; waits until the app took it out of the URL. */
  signIn: (server: Pick<DemoServer, 'url' | 'token'>) => Promise<void>;
  /** Opens `#/...` of the app and waits for `testId` to show. */
  open: (server: Pick<DemoServer, 'url'>, hash: string, testId: string) => Promise<void>;
  /** A full-page PNG in e2e/artifacts/<page name>-<shot>.png; returns its path. */
  screenshot: (shot: string) => Promise<string>;
}

export function watchPage(page: Page, name: string): WatchedPage {
  const errors: string[] = [];
  page.on('console', (message) => {
    if (message.type() === 'error') errors.push(`${page.url()}: console.error: ${message.text()}`);
  });
  page.on('pageerror', (error) => errors.push(`${page.url()}: uncaught: ${error.message}`));
  return {
    page,
    name,
    errors,
    async signIn(server) {
      if (server.token === null) throw new Error('no token to sign in with');
      await page.goto(`${server.url}/#token=${server.token}`);
      await page.waitForFunction(() => !window.location.hash.includes('token='));
    },
    async open(server, hash, testId) {
      await page.goto(`${server.url}/${hash.startsWith('#') ? hash : `#${hash}`}`);
      await page.getByTestId(testId).first().waitFor({ timeout: 30_000 });
    },
    async screenshot(shot) {
      await mkdir(ARTIFACTS_DIR, { recursive: true });
      const path = join(ARTIFACTS_DIR, `${safeName(name)}-${safeName(shot)}.png`);
      await page.screenshot({ path, fullPage: true });
      return path;
    },
  };
}

function safeName(text: string): string {
  return text.replace(/[^A-Za-z0-9._-]+/g, '-').replace(/^-+|-+$/g, '') || 'page';
}
