// Where a server's CPU went, from a V8 .cpuprofile (node --cpu-prof): self time by area of the stack, and the top functions.
//   node bench/serve/profile-summary.mjs FILE.cpuprofile [--top N]
import fs from 'node:fs';
import { fileURLToPath } from 'node:url';

/** First matching area wins; tested against "functionName url". Native SQLite time shows under Kysely's executeQuery / better-sqlite3. */
export const AREAS = [
  ['sqlite (native: better-sqlite3 run/all/prepare)', /^(executeQuery \S*kysely\/dist\/esm\/dialect\/sqlite|\S+ \S*better-sqlite3)/],
  ['kysely (building and compiling queries)', /node_modules\/kysely\//],
  ['zod (request validation, response check)', /node_modules\/(zod|fastify-type-provider-zod)\//],
  ['json parse (secure-json-parse, JSON.parse)', /node_modules\/secure-json-parse\/|^parse $/],
  ['fastify and metrics (routing, hooks, reply, prom-client)', /node_modules\/(fastify|find-my-way|@fastify|fast-json-stringify|avvio|pino|prom-client)\//],
  ['http and sockets (node core, writev)', /^(writev|writeBuffer|writeUtf8String|read|readStart|shutdown) $|node:(_http|net|internal\/stream|internal\/http|events|stream)/],
  ['crypto (ids, token hashes)', /node:internal\/crypto|^(randomFillSync|Hash|digest|update) /],
  ['gbdt (tree walks, SHAP)', /packages\/gbdt\//],
  ['shopfloor server code', /packages\/(server|contracts)\//],
  ['garbage collector', /^\(garbage collector\)/],
  ['idle', /^\(idle\)/],
  ['module loading (startup)', /node:internal\/modules|^(compileSourceTextModule|wrapSafe|internalModuleStat|openFileHandle|fstat|readFileUtf8) /],
  ['async plumbing (microtasks, ticks)', /^(runMicrotasks|processTicksAndRejections|nextTick|\(program\)) |node:internal\/process\/task_queues|node:async_hooks|node:internal\/async_hooks/],
];

const frameName = (n) => {
  const f = n.callFrame;
  return `${f.functionName || '(anonymous)'} ${f.url.replace(/^.*?\/(node_modules|packages)\//, '$1/')}${f.url ? `:${f.lineNumber + 1}` : ''}`;
};

/** Sample times in the profile's clock (microseconds): startTime plus the running sum of timeDeltas. */
export function sampleTimes(profile) {
  const times = new Float64Array(profile.samples.length);
  let t = profile.startTime;
  for (let i = 0; i < times.length; i++) times[i] = t += profile.timeDeltas[i] ?? 0;
  return times;
}

/**
 * { samples, areas: [[area, share]], top: [[frame, share]] } from a parsed .cpuprofile; with `window`
 * ({ fromUs, toUs } in the profile's clock) only the samples taken inside it count.
 */
export function summarizeProfile(profile, top = 25, window = undefined) {
  const byId = new Map(profile.nodes.map((n) => [n.id, n]));
  const selfCount = new Map();
  const times = window === undefined ? null : sampleTimes(profile);
  let total = 0;
  profile.samples.forEach((id, i) => {
    if (times !== null && (times[i] < window.fromUs || times[i] > window.toUs)) return;
    selfCount.set(id, (selfCount.get(id) ?? 0) + 1);
    total++;
  });
  const areas = new Map();
  const frames = new Map();
  for (const [id, count] of selfCount) {
    const node = byId.get(id);
    const name = frameName(node);
    const key = `${node.callFrame.functionName} ${node.callFrame.url}`;
    const area = AREAS.find(([, re]) => re.test(key))?.[0] ?? 'other';
    areas.set(area, (areas.get(area) ?? 0) + count);
    frames.set(name, (frames.get(name) ?? 0) + count);
  }
  const sorted = (m, n) => [...m].sort((a, b) => b[1] - a[1]).slice(0, n).map(([k, v]) => [k, v / total]);
  return { samples: total, areas: sorted(areas, AREAS.length + 1), top: sorted(frames, top) };
}

export function profileText(summary) {
  const pctText = (x) => `${(x * 100).toFixed(1).padStart(5)}%`;
  return [
    `CPU profile: ${summary.samples} samples; self time by area:`,
    ...summary.areas.map(([a, s]) => `  ${pctText(s)}  ${a}`),
    'top functions (self):',
    ...summary.top.map(([f, s]) => `  ${pctText(s)}  ${f}`),
  ].join('\n');
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const file = process.argv[2];
  if (!file) {
    console.error('usage: node bench/serve/profile-summary.mjs FILE.cpuprofile [--top N]');
    process.exit(2);
  }
  const at = process.argv.indexOf('--top');
  console.log(profileText(summarizeProfile(JSON.parse(fs.readFileSync(file, 'utf8')), at > 0 ? Number(process.argv[at + 1]) : 25)));
}
