// A use case's fallback rule (what to decide when the model cannot be trusted): set, remove, read, and compiled for serving.
import { ShopfloorError, type FallbackRuleEvent, type FallbackRuleState, type SetFallbackRuleRequest, type User } from '@shopfloor/contracts';
import type { Clock } from '../clock.js';
import { compileRule, type CompiledRule } from '../decide/index.js';
import { newId, type FallbackRuleRecord, type Repositories, type Store } from '../store/index.js';
import { loadUseCase } from './read.js';
import type { StoredUseCase } from './stored.js';

export interface FallbackRuleDeps {
  store: Store;
  clock: Clock;
}

function toEvent(r: FallbackRuleRecord): FallbackRuleEvent {
  return { seq: r.seq, action: r.action, rule: r.rule, inputs: r.inputs, reason: r.reason, at: r.at, by: r.by };
}

/** What a true rule means in the use case's words; multiclass use cases have no act / do-not-act decision. */
function actionName(stored: StoredUseCase): string {
  const costs = stored.useCase.costs;
  return costs.kind === 'multiclass' ? '' : costs.actionName;
}

/** USE_CASE_INVALID naming the field `task` for a multiclass use case: a rule answers act or not, one class is not that. */
function requireActDecision(stored: StoredUseCase): void {
  if (stored.useCase.task !== 'multiclass') return;
  throw new ShopfloorError(
    'USE_CASE_INVALID',
    `Use case "${stored.useCase.id}" is multiclass: a fallback rule answers act / do not act, which fits binary and regression use cases only`,
    { field: 'task', task: 'multiclass', allowed: ['binary', 'regression'] },
  );
}

/** The standing rule (null when none, or the last was removed) and every entry, newest first; USE_CASE_NOT_FOUND. */
export async function fallbackRuleState(repos: Repositories, useCaseId: string): Promise<FallbackRuleState> {
  const stored = await loadUseCase(repos, useCaseId);
  const history = (await repos.fallbackRules.history(useCaseId)).map(toEvent);
  const newest = history[0];
  return { useCaseId, actionName: actionName(stored), current: newest?.action === 'set' ? newest : null, history };
}

/**
 * Compiles the rule against the use case's inputs (RULE_INVALID naming the position) and appends it,
 * with an audit entry, in one transaction. The standing rule sent again changes nothing.
 */
export async function setFallbackRule(deps: FallbackRuleDeps, actor: User, useCaseId: string, request: SetFallbackRuleRequest): Promise<FallbackRuleState> {
  const stored = await loadUseCase(deps.store, useCaseId);
  requireActDecision(stored);
  const compiled = compileRule(request.rule, stored.useCase.inputs);
  const at = deps.clock.now().toISOString();
  await deps.store.transaction(async (tx) => {
    const latest = await tx.fallbackRules.latest(useCaseId);
    if (latest?.action === 'set' && latest.rule === compiled.text) return;
    const entry = await tx.fallbackRules.append({ id: newId('fbr'), useCaseId, action: 'set', rule: compiled.text, inputs: compiled.inputs, reason: request.reason, at, by: actor.id });
    await tx.audit.append({ id: newId('aud'), at, userId: actor.id, action: 'fallback-rule.set', subject: `use-case:${useCaseId}`, details: { seq: entry.seq, rule: entry.rule, reason: entry.reason } });
  });
  return fallbackRuleState(deps.store, useCaseId);
}

/** Records the removal of the standing rule (kept in the history); FALLBACK_RULE_NOT_SET when none stands. */
export async function removeFallbackRule(deps: FallbackRuleDeps, actor: User, useCaseId: string, reason: string): Promise<FallbackRuleState> {
  await loadUseCase(deps.store, useCaseId);
  const at = deps.clock.now().toISOString();
  await deps.store.transaction(async (tx) => {
    const latest = await tx.fallbackRules.latest(useCaseId);
    if (latest?.action !== 'set') {
      throw new ShopfloorError('FALLBACK_RULE_NOT_SET', `Use case "${useCaseId}" has no fallback rule standing, so there is nothing to remove`, { useCaseId });
    }
    const entry = await tx.fallbackRules.append({ id: newId('fbr'), useCaseId, action: 'removed', rule: null, inputs: [], reason, at, by: actor.id });
    await tx.audit.append({ id: newId('aud'), at, userId: actor.id, action: 'fallback-rule.remove', subject: `use-case:${useCaseId}`, details: { seq: entry.seq, removed: latest.rule, reason } });
  });
  return fallbackRuleState(deps.store, useCaseId);
}

/**
 * For degraded serving: the standing rule compiled against the use case's inputs, or null when none
 * stands. True means act (the use case's action). USE_CASE_NOT_FOUND only when a rule exists for an
 * unknown use case (the store's foreign key makes that impossible).
 */
export async function currentFallbackRule(repos: Repositories, useCaseId: string): Promise<CompiledRule | null> {
  const latest = await repos.fallbackRules.latest(useCaseId);
  if (latest === null || latest.action !== 'set' || latest.rule === null) return null;
  const stored = await loadUseCase(repos, useCaseId);
  return compileRule(latest.rule, stored.useCase.inputs);
}
