// `shopfloor use-case fallback-rule <id> "<rule>" [--reason]`, `--show` and `--remove`: what the line decides when the model cannot be trusted.
import type { Command } from 'commander';
import type { FallbackRuleState } from '@shopfloor/contracts';
import { createFallbackRulesFacade } from '@shopfloor/server';
import { withShopfloor, type GlobalOptions } from '../context.js';
import { printJson, type Io } from '../io.js';
import { usageError } from '../option-values.js';
import { formatInstant, renderTable } from '../table.js';

interface FallbackRuleOptions {
  reason?: string;
  show?: boolean;
  remove?: boolean;
}

export function fallbackRuleText(state: FallbackRuleState): string {
  const current = state.current;
  const head =
    current === null
      ? `${state.useCaseId} has no fallback rule: with an untrusted input and no companion model, serving abstains.\n`
      : `Fallback rule of ${state.useCaseId} (true means: ${state.actionName}):\n` +
        `  ${current.rule}\n` +
        `  reads: ${current.inputs.join(', ') || 'no input'}\n` +
        `  set ${formatInstant(current.at)} by ${current.by}${current.reason === '' ? '' : `: ${current.reason}`}\n`;
  if (state.history.length === 0) return head;
  const rows = state.history.map((h) => [String(h.seq), h.action, h.rule ?? '', h.reason, h.by, formatInstant(h.at)]);
  return `${head}\nHistory (newest first):\n${renderTable(['#', 'action', 'rule', 'reason', 'by', 'at'], rows)}`;
}

export function registerFallbackRule(group: Command, io: Io): void {
  group
    .command('fallback-rule')
    .description('Set, show or remove the rule a use case falls back to when its model cannot be trusted, e.g. "`Torque [Nm]` > 60 or `Tool wear [min]` >= 200" (grammar: docs/rules.md).')
    .argument('<use-case>', 'use case id')
    .argument('[rule]', 'the rule; true means act (alarm). Quote it for the shell, names with spaces in backticks')
    .option('--reason <text>', 'why the rule is set or removed (kept in its history)')
    .option('--show', 'print the standing rule and its history')
    .option('--remove', 'remove the standing rule (recorded in the history)')
    .action(async (id: string, rule: string | undefined, options: FallbackRuleOptions, command: Command) => {
      const globals = command.optsWithGlobals<GlobalOptions>();
      const modes = [rule !== undefined, options.show === true, options.remove === true].filter(Boolean).length;
      if (modes !== 1) throw usageError('give exactly one of a rule, --show or --remove', { option: rule === undefined ? '--show' : 'rule' });
      const role = options.show === true ? 'viewer' : 'engineer';
      const state = await withShopfloor(globals, io, role, (sf, actor) => {
        const rules = createFallbackRulesFacade(sf);
        if (options.show === true) return rules.fallbackRule(id);
        if (options.remove === true) return rules.removeFallbackRule(actor, id, { reason: options.reason ?? '' });
        return rules.setFallbackRule(actor, id, { rule: rule!, reason: options.reason ?? '' });
      });
      if (globals.json === true) printJson(io, state);
      else io.out(fallbackRuleText(state));
    });
}
