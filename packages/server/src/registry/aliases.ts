// Moving and removing aliases (champion, challenger, shadow): every change kept as an event and audited, in one transaction.
import { ShopfloorError, type AliasChange, type AliasEvent, type AliasesResponse, type AliasState, type User } from '@shopfloor/contracts';
import { requireRole } from '../access/index.js';
import type { Clock } from '../clock.js';
import { newId, type AliasEventRecord, type ModelAlias, type ModelVersionRecord, type Repositories, type Store } from '../store/index.js';
import { parseAliasName, resolveModelRef } from './model-ref.js';

export interface RegistryDeps {
  store: Store;
  clock: Clock;
}

/** Who may point aliases: engineers (and admins); they decide what runs on the line, in shadow or as challenger. */
export const ALIAS_ROLE = 'engineer';

type VersionOf = (modelVersionId: string | null) => number | null;

async function versionLookup(repos: Repositories, useCaseId: string): Promise<VersionOf> {
  const numbers = new Map((await repos.modelVersions.listForUseCase(useCaseId)).map((r) => [r.id, r.version]));
  return (id) => (id === null ? null : (numbers.get(id) ?? null));
}

function toState(a: ModelAlias, versionOf: VersionOf): AliasState {
  return { alias: a.alias, modelVersionId: a.modelVersionId, version: versionOf(a.modelVersionId) ?? 0, updatedAt: a.updatedAt, updatedBy: a.updatedBy };
}

function toEvent(e: AliasEventRecord, versionOf: VersionOf): AliasEvent {
  return { ...e, version: versionOf(e.modelVersionId), previousVersion: versionOf(e.previousModelVersionId) };
}

/** The aliases standing now (by name) and every move that led there, newest first. */
export async function listAliases(repos: Repositories, useCaseId: string): Promise<AliasesResponse> {
  const [aliases, events, versionOf] = await Promise.all([
    repos.modelAliases.listForUseCase(useCaseId),
    repos.aliasEvents.listForUseCase(useCaseId),
    versionLookup(repos, useCaseId),
  ]);
  return { useCaseId, aliases: aliases.map((a) => toState(a, versionOf)), history: events.map((e) => toEvent(e, versionOf)) };
}

/**
 * Points `alias` at `target` inside `tx` and records the move (event + audit entry). Returns
 * `changed: false` and writes nothing when the alias already points there. registerModel uses it
 * for the first champion, the routes and the CLI through moveAlias.
 */
export async function pointAlias(
  tx: Repositories,
  at: string,
  actor: User,
  alias: string,
  target: ModelVersionRecord,
  reason: string,
): Promise<AliasChange> {
  const useCaseId = target.useCaseId;
  const current = await tx.modelAliases.get(useCaseId, alias);
  const versionOf = await versionLookup(tx, useCaseId);
  if (current !== null && current.modelVersionId === target.id) return { changed: false, alias: toState(current, versionOf), event: null };
  const standing = await tx.modelAliases.set({ useCaseId, alias, modelVersionId: target.id, updatedAt: at, updatedBy: actor.id });
  const previousModelVersionId = current?.modelVersionId ?? null;
  const event = await tx.aliasEvents.append({ id: newId('ale'), useCaseId, alias, modelVersionId: target.id, previousModelVersionId, reason, at, by: actor.id });
  await tx.audit.append({
    id: newId('aud'),
    at,
    userId: actor.id,
    action: alias === 'champion' ? 'model.promote' : 'model.alias.set',
    subject: `use-case:${useCaseId}`,
    details: { alias, modelVersionId: target.id, version: target.version, previousModelVersionId, previousVersion: versionOf(previousModelVersionId), reason },
  });
  return { changed: true, alias: toState(standing, versionOf), event: toEvent(event, versionOf) };
}

/**
 * Moves (or first sets) an alias to the version `version` names. Engineers only; the champion
 * changes the decisions on the line, so moving it needs a reason.
 */
export async function moveAlias(
  deps: RegistryDeps,
  actor: User,
  useCaseId: string,
  aliasName: string,
  req: { version: string | number; reason: string },
): Promise<AliasChange> {
  const alias = parseAliasName(aliasName);
  requireRole(actor, ALIAS_ROLE);
  const reason = req.reason.trim();
  if (alias === 'champion' && reason === '') {
    throw new ShopfloorError('MODEL_ALIAS_REASON_REQUIRED', `Moving the champion of "${useCaseId}" needs a reason`, { field: 'reason', alias, useCaseId });
  }
  const at = deps.clock.now().toISOString();
  return deps.store.transaction(async (tx) => {
    const target = await resolveModelRef(tx, useCaseId, req.version, 'version');
    return pointAlias(tx, at, actor, alias, target, reason);
  });
}

/** Removes a challenger or shadow alias (kept in the history); the champion only moves. */
export async function removeAlias(deps: RegistryDeps, actor: User, useCaseId: string, aliasName: string, reason: string): Promise<AliasChange> {
  const alias = parseAliasName(aliasName);
  requireRole(actor, ALIAS_ROLE);
  if (alias === 'champion') {
    throw new ShopfloorError('MODEL_CHAMPION_NOT_REMOVABLE', `The champion of "${useCaseId}" cannot be removed, only moved to another version`, { field: 'alias', alias, useCaseId });
  }
  const at = deps.clock.now().toISOString();
  return deps.store.transaction(async (tx) => {
    const current = await tx.modelAliases.get(useCaseId, alias);
    if (current === null) {
      throw new ShopfloorError('MODEL_ALIAS_NOT_SET', `Use case "${useCaseId}" has no ${alias} model to remove`, { field: 'alias', alias, useCaseId });
    }
    await tx.modelAliases.remove(useCaseId, alias);
    const versionOf = await versionLookup(tx, useCaseId);
    const event = await tx.aliasEvents.append({ id: newId('ale'), useCaseId, alias, modelVersionId: null, previousModelVersionId: current.modelVersionId, reason: reason.trim(), at, by: actor.id });
    await tx.audit.append({
      id: newId('aud'),
      at,
      userId: actor.id,
      action: 'model.alias.remove',
      subject: `use-case:${useCaseId}`,
      details: { alias, previousModelVersionId: current.modelVersionId, previousVersion: versionOf(current.modelVersionId), reason: reason.trim() },
    });
    return { changed: true, alias: null, event: toEvent(event, versionOf) };
  });
}
