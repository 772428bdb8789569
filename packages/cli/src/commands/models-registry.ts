// `shopfloor models alias|aliases|limits|card`: point champion, challenger or shadow at a version, read the alias history, print a model card.
import type { Command } from 'commander';
import type { AliasChange, AliasesResponse } from '@shopfloor/contracts';
import { withShopfloor, type GlobalOptions } from '../context.js';
import { printJson, type Io } from '../io.js';
import { usageError } from '../option-values.js';
import { modelCardText } from '../model-card-text.js';
import { formatInstant, renderTable } from '../table.js';

function changeText(useCaseId: string, alias: string, change: AliasChange): string {
  if (!change.changed) return `${useCaseId} ${alias} already points at v${change.alias?.version}: nothing changed\n`;
  const event = change.event!;
  const was = event.previousVersion === null ? 'newly set' : `was v${event.previousVersion}`;
  const now = event.version === null ? 'removed' : `-> v${event.version}`;
  return `${useCaseId} ${alias} ${now} (${was})${event.reason === '' ? '' : `: ${event.reason}`}\n`;
}

/** `names` maps user ids to names (the history stores ids). */
function aliasesText(res: AliasesResponse, names: ReadonlyMap<string, string>): string {
  const who = (id: string) => names.get(id) ?? id;
  const standing = res.aliases.length === 0 ? `${res.useCaseId} has no aliases yet\n` : renderTable(['alias', 'version', 'since', 'by'], res.aliases.map((a) => [a.alias, `v${a.version}`, formatInstant(a.updatedAt), who(a.updatedBy)]));
  const history = renderTable(
    ['#', 'when', 'alias', 'from', 'to', 'by', 'reason'],
    res.history.map((e) => [String(e.seq), formatInstant(e.at), e.alias, e.previousVersion === null ? '-' : `v${e.previousVersion}`, e.version === null ? 'removed' : `v${e.version}`, who(e.by), e.reason || '-']),
  );
  return `${standing}\nHistory (newest first)\n${history}`;
}

export function registerModelSubcommands(models: Command, io: Io): void {
  models
    .command('alias')
    .description('Point an alias (champion, challenger, shadow) at a version (number, alias or id); --remove takes a challenger or shadow away. Moving the champion needs --reason. Engineers only.')
    .argument('<use-case>', 'use case id')
    .argument('<alias>', 'champion, challenger or shadow')
    .argument('[version]', 'version number (3 or v3), another alias, or a model version id')
    .option('--reason <text>', 'why (kept in the alias history; required for the champion)', '')
    .option('--remove', 'remove the alias instead (challenger or shadow)')
    .action(async (useCaseId: string, alias: string, version: string | undefined, options: { reason: string; remove?: boolean }, command: Command) => {
      const globals = command.optsWithGlobals<GlobalOptions>();
      if ((version === undefined) === (options.remove !== true)) throw usageError('give either a version or --remove, not both or neither', { option: '--remove' });
      const change = await withShopfloor(globals, io, 'engineer', (sf, actor) =>
        options.remove === true
          ? sf.registry.removeAlias(actor, useCaseId, alias, { reason: options.reason })
          : sf.registry.moveAlias(actor, useCaseId, alias, { version: version!, reason: options.reason }),
      );
      if (globals.json === true) printJson(io, change);
      else io.out(changeText(useCaseId, alias, change));
    });

  models
    .command('aliases')
    .description('The aliases of a use case now, and every move, newest first.')
    .argument('<use-case>', 'use case id')
    .action(async (useCaseId: string, _options: unknown, command: Command) => {
      const globals = command.optsWithGlobals<GlobalOptions>();
      const { res, names } = await withShopfloor(globals, io, 'viewer', async (sf) => {
        const answer = await sf.registry.aliases(useCaseId);
        const ids = new Set([...answer.aliases.map((a) => a.updatedBy), ...answer.history.map((e) => e.by)]);
        const users = await Promise.all([...ids].map((id) => sf.store.users.get(id)));
        return { res: answer, names: new Map(users.filter((u) => u !== null).map((u) => [u.id, u.name])) };
      });
      if (globals.json === true) printJson(io, res);
      else io.out(aliasesText(res, names));
    });

  models
    .command('limits')
    .description("Write the known limits of a version (replaces the text; who and when are kept, earlier texts stay in the audit log). Engineers only.")
    .argument('<use-case>', 'use case id')
    .argument('<version>', 'version number (3 or v3), alias or model version id')
    .argument('<text>', 'the known limits in plain words')
    .action(async (useCaseId: string, version: string, text: string, _options: unknown, command: Command) => {
      const globals = command.optsWithGlobals<GlobalOptions>();
      const limits = await withShopfloor(globals, io, 'engineer', (sf, actor) => sf.registry.setKnownLimits(actor, useCaseId, version, { text }));
      if (globals.json === true) printJson(io, limits);
      else io.out(`${useCaseId} ${version}: known limits written (${limits.text.length} characters)\n`);
    });

  models
    .command('card')
    .description('The model card of a version: intended use, lineage, data window, metrics, sensor robustness, known limits.')
    .argument('<use-case>', 'use case id')
    .argument('<version>', 'version number (3 or v3), alias (champion) or model version id')
    .action(async (useCaseId: string, version: string, _options: unknown, command: Command) => {
      const globals = command.optsWithGlobals<GlobalOptions>();
      const card = await withShopfloor(globals, io, 'viewer', (sf) => sf.registry.modelCard(useCaseId, version));
      if (globals.json === true) printJson(io, card);
      else io.out(modelCardText(card));
    });
}
