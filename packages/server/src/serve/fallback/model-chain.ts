// The chain for a champion that fails or is slow: the previous champion, else the fallback rule, else abstain (the operator decides).
import type { InputRow, UnloggedPrediction, UseCase } from '@shopfloor/contracts';
import type { AliasEventRecord, ModelVersionRecord } from '../../store/index.js';
import { withoutUntrusted, type DegradedContext, type FallbackRule } from '../degraded-answer.js';
import type { PredictOptions, Predictor } from '../predictor.js';
import { checkRowsAgainstInputs } from './input-check.js';
import { ModelFailure, type ModelTrigger } from './model-guard.js';
import { ruleOrAbstain } from './rule-step.js';

/**
 * The version the champion alias pointed at before `championId`: the move that made `championId`
 * champion (newest first, so the latest such move) names it. Null when the champion was the first, or
 * was set again over itself (pure; `events` are the champion alias's events, newest first).
 */
export function previousChampionId(events: readonly Pick<AliasEventRecord, 'modelVersionId' | 'previousModelVersionId'>[], championId: string): string | null {
  const move = events.find((e) => e.modelVersionId === championId);
  const previous = move?.previousModelVersionId ?? null;
  return previous === championId ? null : previous;
}

export type PreviousChampion = { record: ModelVersionRecord; predictor: Predictor } | { record: ModelVersionRecord; trigger: ModelTrigger } | null;

export interface ModelChainDeps {
  /** The previous champion loaded through the guard (a trigger when it cannot answer either), or null when there is none. */
  previous(): Promise<PreviousChampion>;
  fallbackRule(): Promise<FallbackRule | null>;
}

/** Which step answers (pure): the previous champion when it loaded and reads no untrusted input, else the rule step. */
export function previousChampionStep(previous: PreviousChampion, untrusted: readonly string[]): { use: Predictor } | { skip: string } {
  if (previous === null) return { skip: 'the champion alias names no previous version' };
  const v = `version ${previous.record.version}`;
  if ('trigger' in previous) return { skip: `the previous champion (${v}) cannot answer either: ${previous.trigger.message}` };
  const reads = previous.predictor.reader.features.map((f) => f.name).filter((n) => untrusted.includes(n));
  if (reads.length > 0) return { skip: `the previous champion (${v}) reads the untrusted ${reads.map((n) => `"${n}"`).join(', ')}` };
  return { use: previous.predictor };
}

/**
 * `champion` is the failing champion's record (the rule is priced at its held-out event rate and the
 * rule and abstain answers name it). Bad rows stay 400s: the previous champion checks them, or, when
 * no model reads them, the use case's inputs do (an untrusted input's value is never checked).
 */
export async function modelChainPredictions(
  useCase: Pick<UseCase, 'costs' | 'inputs'>,
  champion: ModelVersionRecord,
  trigger: ModelTrigger,
  untrusted: readonly string[],
  rows: readonly InputRow[],
  options: PredictOptions,
  deps: ModelChainDeps,
): Promise<UnloggedPrediction[]> {
  const reasons = [trigger.message];
  const previous = await deps.previous();
  const step = previousChampionStep(previous, untrusted);
  if ('use' in step && previous !== null) {
    try {
      const said = `answered by the previous champion (version ${previous.record.version})`;
      return step.use.predict(rows, options).map((p) => ({ ...p, path: 'previous-champion', degraded: true, untrustedSensors: [...untrusted], reasonCode: trigger.code, reasons: [...reasons, said, ...p.reasons] }));
    } catch (e) {
      if (!(e instanceof ModelFailure)) throw e;
      reasons.push(`the previous champion (version ${previous.record.version}) cannot answer either: ${e.message}`);
    }
  } else if ('skip' in step) reasons.push(step.skip);
  checkRowsAgainstInputs(useCase.inputs, rows.map((row) => ({ ...withoutUntrusted(row, untrusted), ...Object.fromEntries(untrusted.map((n) => [n, null])) })));
  const ctx: DegradedContext = { model: { id: champion.id, version: champion.version }, untrusted, reasonCode: trigger.code, reasons };
  return ruleOrAbstain(useCase.costs, champion, await deps.fallbackRule(), rows, ctx);
}
