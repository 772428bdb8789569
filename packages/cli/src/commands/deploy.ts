// `shopfloor deploy show|set|promote|approve|rollback|verdict <use-case>`: the deployment of a use case, changed with a reason, judged with evidence.
import type { Command } from 'commander';
import type { Deployment, DeploymentEvents, DeploymentVerdict, PromoteResponse, SetDeploymentRequest } from '@shopfloor/contracts';
import { withShopfloor, type GlobalOptions } from '../context.js';
import { printJson, type Io } from '../io.js';
import { collect, usageError } from '../option-values.js';
import { formatInstant, renderTable } from '../table.js';

const pct = (x: number | null) => (x === null ? '-' : `${(100 * x).toFixed(1)}%`);

export function deploymentText(d: Deployment, events: DeploymentEvents | null): string {
  const rows = [
    [`v${d.champion.version}`, 'champion', d.variants.length === 0 ? '100%' : 'the rest', ''],
    ...d.variants.map((v) => [
      `v${v.model.version}`,
      v.mode,
      v.mode === 'shadow' ? 'every request (not answered)' : pct(v.share),
      v.canary !== undefined ? `step ${v.canary.step + 1}/${v.canary.steps.length}: ${v.canary.note}` : (v.disabled ?? ''),
    ]),
  ];
  let text = `${d.useCaseId}: ${d.approvalRequired ? 'promotion needs a second engineer' : 'one engineer may promote'}\n${renderTable(['version', 'role', 'traffic', 'note'], rows)}`;
  for (const m of d.mirrors) text += `mirror ${m.url} (${pct(m.share)} of requests)\n`;
  if (events !== null) {
    for (const a of events.pendingApprovals) text += `pending approval ${a.id}: v${a.model.version} asked by ${a.requestedBy} at ${formatInstant(a.requestedAt)}: ${a.reason}\n`;
    if (events.events.length > 0) {
      text += `\nChanges (newest first)\n${renderTable(['#', 'when', 'action', 'version', 'by', 'reason'], events.events.slice(0, 20).map((e) => [String(e.seq), formatInstant(e.at), e.action, e.model === null ? '-' : `v${e.model.version}`, e.by, e.reason]))}`;
    }
  }
  return text;
}

export function verdictText(v: DeploymentVerdict): string {
  const lat = (l: DeploymentVerdict['latency']['champion']) => (l.p50Ms === null ? '-' : `p50 ${l.p50Ms.toFixed(2)} ms, p99 ${l.p99Ms!.toFixed(2)} ms (${l.n})`);
  const lines = [
    `${v.useCaseId}: v${v.model.version} against champion v${v.champion.version}, ${formatInstant(v.from)} to ${formatInstant(v.to)}`,
    `recommendation: ${v.recommendation}`,
    `compared rows ${v.compared}, agreement ${pct(v.agreement)}, flips to act ${v.flips.toAct}, to hold ${v.flips.toHold}, candidate errors ${v.candidateErrors}`,
    `latency champion ${lat(v.latency.champion)}; candidate ${lat(v.latency.candidate)}`,
    ...(v.labelled === null ? ['no outcomes recorded yet'] : [`labelled ${v.labelled.n}: cost ${v.labelled.candidateCost.toFixed(0)} vs ${v.labelled.championCost.toFixed(0)} ${v.labelled.currency}, ${v.labelled.metric} ${v.labelled.candidate?.toFixed(3)} vs ${v.labelled.champion?.toFixed(3)}`]),
    ...v.evidence.map((e) => `- ${e}`),
  ];
  return `${lines.join('\n')}\n`;
}

/** `v3=0.2` -> { model: 'v3', share: 0.2 }. */
function modelShare(text: string, option: string): { model: string; share: number } {
  const [model, share] = text.split('=');
  const value = Number(share);
  if (model === undefined || model === '' || share === undefined || !(value > 0 && value <= 1)) throw usageError(`${option} expects VERSION=SHARE with a share in (0, 1], e.g. v3=0.2; got "${text}"`, { option });
  return { model, share: value };
}

interface SetOptions {
  shadow: string[];
  split: string[];
  canary?: string;
  canarySteps?: string;
  mirror: string[];
  approvalRequired?: boolean;
  reason: string;
}

function setRequest(o: SetOptions): SetDeploymentRequest {
  const variants: SetDeploymentRequest['variants'] = [
    ...o.shadow.map((model) => ({ model, mode: 'shadow' as const })),
    ...o.split.map((s) => ({ ...modelShare(s, '--split'), mode: 'split' as const })),
  ];
  if (o.canary !== undefined) {
    const steps = o.canarySteps?.split(',').map(Number);
    if (steps !== undefined && steps.some((s) => !(s > 0 && s <= 1))) throw usageError(`--canary-steps expects shares in (0, 1] separated by commas; got "${o.canarySteps}"`, { option: '--canary-steps' });
    variants.push({ model: o.canary, mode: 'canary', ...(steps === undefined ? {} : { canary: { steps } }) });
  }
  const mirrors = o.mirror.map((m) => {
    const at = m.lastIndexOf('=');
    return at > 0 && /^[\d.]+$/.test(m.slice(at + 1)) ? { url: m.slice(0, at), share: Number(m.slice(at + 1)) } : { url: m };
  });
  return { variants, mirrors, ...(o.approvalRequired === undefined ? {} : { approvalRequired: o.approvalRequired }), reason: o.reason };
}

function promoteText(useCaseId: string, r: PromoteResponse): string {
  if (r.promoted) return `${useCaseId}: v${r.deployment.champion.version} is the champion now\n`;
  return `${useCaseId}: promotion of v${r.approval!.model.version} waits for a second engineer: shopfloor deploy approve ${useCaseId} ${r.approval!.id}\n`;
}

export function registerDeploy(program: Command, io: Io): void {
  const deploy = program.command('deploy').description('The deployment of a use case: champion, shadow, split and canary variants, mirrors; promotion, approval, rollback, verdicts.');
  const out = (globals: GlobalOptions, value: unknown, text: string) => (globals.json === true ? printJson(io, value) : io.out(text));

  deploy
    .command('show')
    .description('The champion, the variants with their traffic, mirrors, pending approvals and the latest changes.')
    .argument('<use-case>', 'use case id')
    .action(async (useCaseId: string, _o: unknown, command: Command) => {
      const globals = command.optsWithGlobals<GlobalOptions>();
      const { d, events } = await withShopfloor(globals, io, 'viewer', async (sf) => ({ d: await sf.deployments.get(useCaseId), events: await sf.deployments.events(useCaseId) }));
      out(globals, { ...d, events }, deploymentText(d, events));
    });

  deploy
    .command('set')
    .description('Replaces the variants and mirrors (what is not named is removed). Engineers only; --reason is kept in the history.')
    .argument('<use-case>', 'use case id')
    .option('--shadow <version>', 'a version that sees every request, answers nobody (repeatable)', collect, [])
    .option('--split <version=share>', 'a version answering a share of the entities, e.g. v3=0.2 (repeatable)', collect, [])
    .option('--canary <version>', 'a challenger whose share rises in steps, promoted or rolled back by rules')
    .option('--canary-steps <shares>', 'the canary shares, e.g. 0.05,0.25,0.5,1')
    .option('--mirror <url[=share]>', "copy requests to another instance's predict URL (allow-listed in its config) (repeatable)", collect, [])
    .option('--approval-required', 'promotions of this use case need a second engineer')
    .option('--no-approval-required', 'one engineer may promote (unless the server config requires two)')
    .requiredOption('--reason <text>', 'why (kept in the deployment history)')
    .action(async (useCaseId: string, options: SetOptions, command: Command) => {
      const globals = command.optsWithGlobals<GlobalOptions>();
      const d = await withShopfloor(globals, io, 'engineer', (sf, actor) => sf.deployments.set(actor, useCaseId, setRequest(options)));
      out(globals, d, deploymentText(d, null));
    });

  deploy
    .command('promote')
    .description('Makes a version the champion, or asks a second engineer when the use case or server requires one.')
    .argument('<use-case>', 'use case id')
    .argument('<version>', 'version number (3 or v3), alias or model version id')
    .requiredOption('--reason <text>', 'why')
    .action(async (useCaseId: string, model: string, options: { reason: string }, command: Command) => {
      const globals = command.optsWithGlobals<GlobalOptions>();
      const r = await withShopfloor(globals, io, 'engineer', (sf, actor) => sf.deployments.promote(actor, useCaseId, { model, reason: options.reason }));
      out(globals, r, promoteText(useCaseId, r));
    });

  deploy
    .command('approve')
    .description('Approves a pending promotion (another engineer than the one who asked).')
    .argument('<use-case>', 'use case id')
    .argument('<approval-id>', 'from `deploy show` or the promote answer')
    .option('--reason <text>', 'what you checked', '')
    .action(async (useCaseId: string, approvalId: string, options: { reason: string }, command: Command) => {
      const globals = command.optsWithGlobals<GlobalOptions>();
      const r = await withShopfloor(globals, io, 'engineer', (sf, actor) => sf.deployments.approve(actor, useCaseId, approvalId, { reason: options.reason }));
      out(globals, r, promoteText(useCaseId, r));
    });

  deploy
    .command('rollback')
    .description('Removes split and canary variants; with none, moves the champion back to the version it replaced.')
    .argument('<use-case>', 'use case id')
    .requiredOption('--reason <text>', 'why')
    .action(async (useCaseId: string, options: { reason: string }, command: Command) => {
      const globals = command.optsWithGlobals<GlobalOptions>();
      const d = await withShopfloor(globals, io, 'engineer', (sf, actor) => sf.deployments.rollback(actor, useCaseId, { reason: options.reason }));
      out(globals, d, deploymentText(d, null));
    });

  deploy
    .command('verdict')
    .description('Judges a shadow or challenger against the champion over a window of the prediction log.')
    .argument('<use-case>', 'use case id')
    .argument('<version>', 'the shadow or challenger')
    .option('--from <time>', 'ISO 8601 with offset (default: 24 hours before --to)')
    .option('--to <time>', 'ISO 8601 with offset (default: now)')
    .action(async (useCaseId: string, model: string, options: { from?: string; to?: string }, command: Command) => {
      const globals = command.optsWithGlobals<GlobalOptions>();
      if (options.from !== undefined && Number.isNaN(Date.parse(options.from))) throw usageError(`--from "${options.from}" is not a time`, { option: '--from' });
      const v = await withShopfloor(globals, io, 'viewer', (sf) => sf.deployments.verdict(useCaseId, { model, ...(options.from === undefined ? {} : { from: options.from }), ...(options.to === undefined ? {} : { to: options.to }) }));
      out(globals, v, verdictText(v));
    });
}
