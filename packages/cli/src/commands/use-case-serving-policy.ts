// `shopfloor use-case serving-policy <id> [--out-of-range] [--low-confidence-band] [--model-timeout-ms] --reason`, and `--show`.
import type { Command } from 'commander';
import { MAX_LOW_CONFIDENCE_BAND, MAX_MODEL_TIMEOUT_MS, MIN_MODEL_TIMEOUT_MS, type ServingPolicyFields, type ServingPolicyState } from '@shopfloor/contracts';
import { withShopfloor, type GlobalOptions } from '../context.js';
import { printJson, type Io } from '../io.js';
import { parseIntegerOption, parseNumberOption, usageError } from '../option-values.js';
import { formatInstant, renderTable } from '../table.js';

interface ServingPolicyOptions {
  outOfRange?: string;
  lowConfidenceBand?: string;
  modelTimeoutMs?: string;
  reason?: string;
  show?: boolean;
}

function bandText(band: number | null): string {
  return band === null ? 'off' : String(band);
}

export function servingPolicyText(state: ServingPolicyState): string {
  const p = state.policy;
  const head =
    `Serving policy of ${state.useCaseId}${state.isDefault ? ' (defaults, never changed)' : ''}:\n` +
    `  out of range:        ${p.outOfRange === 'fallback' ? 'fallback (rule, else abstain)' : 'flag (the champion answers, marked degraded)'}\n` +
    `  low-confidence band: ${p.lowConfidenceBand === null ? 'off' : `${p.lowConfidenceBand} (log-odds around the threshold: rule, else abstain)`}\n` +
    `  model timeout:       ${p.modelTimeoutMs} ms per call of up to 1,000 rows\n`;
  if (state.history.length === 0) return head;
  const rows = state.history.map((h) => [String(h.seq), h.outOfRange, bandText(h.lowConfidenceBand), String(h.modelTimeoutMs), h.reason, h.by, formatInstant(h.at)]);
  return `${head}\nHistory (newest first):\n${renderTable(['#', 'out of range', 'band', 'timeout ms', 'reason', 'by', 'at'], rows)}`;
}

/** The options given, over the policy in force: an option left out keeps its value. */
export function policyFromOptions(current: ServingPolicyFields, options: ServingPolicyOptions): ServingPolicyFields {
  const out = options.outOfRange;
  if (out !== undefined && out !== 'fallback' && out !== 'flag') throw usageError(`--out-of-range must be fallback or flag; got "${out}"`, { option: '--out-of-range' });
  const band = options.lowConfidenceBand;
  return {
    outOfRange: out ?? current.outOfRange,
    lowConfidenceBand: band === undefined ? current.lowConfidenceBand : band === 'off' ? null : parseNumberOption('--low-confidence-band', band, 0, MAX_LOW_CONFIDENCE_BAND),
    modelTimeoutMs: options.modelTimeoutMs === undefined ? current.modelTimeoutMs : parseIntegerOption('--model-timeout-ms', options.modelTimeoutMs, MIN_MODEL_TIMEOUT_MS, MAX_MODEL_TIMEOUT_MS),
  };
}

export function registerServingPolicy(group: Command, io: Io): void {
  group
    .command('serving-policy')
    .description('Show or change how a use case is served when inputs are out of the training range, an answer is unsure, or the champion is slow.')
    .argument('<use-case>', 'use case id')
    .option('--out-of-range <action>', 'fallback (rule, else abstain) or flag (the champion answers, marked degraded)')
    .option('--low-confidence-band <n>', `band around the decision threshold on the log-odds scale (0 < n <= ${MAX_LOW_CONFIDENCE_BAND}), or off; binary use cases only`)
    .option('--model-timeout-ms <ms>', 'budget of one champion call of up to 1,000 rows')
    .option('--reason <text>', 'why the policy changes (required to change it; kept in its history)')
    .option('--show', 'print the policy in force and its history')
    .action(async (id: string, options: ServingPolicyOptions, command: Command) => {
      const globals = command.optsWithGlobals<GlobalOptions>();
      const changes = [options.outOfRange, options.lowConfidenceBand, options.modelTimeoutMs].some((o) => o !== undefined);
      if (changes === (options.show === true)) throw usageError('give --show, or at least one of --out-of-range, --low-confidence-band, --model-timeout-ms', { option: '--show' });
      if (changes && (options.reason === undefined || options.reason === '')) throw usageError('changing the serving policy needs --reason', { option: '--reason' });
      const state = await withShopfloor(globals, io, changes ? 'engineer' : 'viewer', async (sf, actor) => {
        const current = await sf.servingPolicy.servingPolicy(id);
        if (!changes) return current;
        return sf.servingPolicy.setServingPolicy(actor, id, { ...policyFromOptions(current.policy, options), reason: options.reason! });
      });
      if (globals.json === true) printJson(io, state);
      else io.out(servingPolicyText(state));
    });
}
