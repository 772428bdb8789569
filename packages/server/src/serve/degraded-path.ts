// The degraded path for rows with untrusted inputs: a companion without them, else the fallback rule, else abstain.
import type { CompanionModel, InputRow, UnloggedPrediction } from '@shopfloor/contracts';
import { StoredMetrics } from '../registry/index.js';
import type { ModelVersionRecord } from '../store/index.js';
import type { StoredUseCase } from '../use-cases/index.js';
import { heldOutEventRate } from './base-rate.js';
import { abstention, isBinary, ruleAnswer, withoutUntrusted, type DegradedContext, type FallbackRule } from './degraded-answer.js';
import type { PredictOptions, Predictor } from './predictor.js';
import type { UntrustedInputs } from './untrusted-inputs.js';

export interface DegradedDeps {
  /** The champion's companion leaving out exactly this input, or null. */
  companion(leftOut: string): Promise<{ record: CompanionModel; predictor: Predictor } | null>;
  fallbackRule(): Promise<FallbackRule | null>;
}

/** Checks every row as the champion would with the untrusted inputs blanked: a bad trusted value is still a 400. */
function validateRows(champion: Predictor, rows: readonly InputRow[], untrusted: readonly string[]): void {
  const p = champion.reader.features.length;
  const scratch = new Float64Array(p);
  rows.forEach((row, i) => {
    const blank = withoutUntrusted(row, untrusted);
    for (const name of untrusted) blank[name] = null;
    champion.reader.read(blank, i, scratch, 0);
  });
}

/**
 * `untrusted.names` holds only inputs the champion reads. Companions leave out one input each, so
 * with two or more untrusted inputs no companion fits and the rule (or abstention) answers.
 */
export async function degradedPredictions(
  stored: StoredUseCase,
  champion: { record: ModelVersionRecord; predictor: Predictor },
  untrusted: UntrustedInputs,
  rows: readonly InputRow[],
  options: PredictOptions,
  deps: DegradedDeps,
): Promise<UnloggedPrediction[]> {
  const names = untrusted.names;
  const model = { id: champion.record.id, version: champion.record.version };
  const source = untrusted.fromHealth ? 'live sensor health' : 'flagged in the request';
  const why = names.map((n) => `"${n}" is untrusted (${source}): its value was not used`);
  const companion = names.length === 1 ? await deps.companion(names[0]!) : null;
  if (companion !== null) {
    const reasonCode = untrusted.fromHealth ? 'SENSOR_UNTRUSTED_HEALTH' : 'SENSOR_UNTRUSTED_REQUEST';
    const said = `answered by the companion model trained without "${companion.record.leftOut}"`;
    return companion.predictor.predict(rows, options).map((p) => ({
      ...p,
      path: 'companion',
      companion: { id: companion.record.id, leftOut: companion.record.leftOut },
      degraded: true,
      untrustedSensors: [...names],
      reasonCode,
      reasons: [...why, said, ...p.reasons],
    }));
  }
  validateRows(champion.predictor, rows, names);
  const noCompanion = names.length === 1 ? `no companion model leaves out "${names[0]}"` : `no companion model leaves out all of ${names.map((n) => `"${n}"`).join(', ')}`;
  const rule = await deps.fallbackRule();
  const { costs } = stored.useCase;
  const reads = rule === null ? [] : rule.inputs.filter((i) => names.includes(i));
  const eventRate = isBinary(costs) ? heldOutEventRate(StoredMetrics.parse(champion.record.metrics).metrics, costs) : null;
  if (rule !== null && reads.length === 0 && isBinary(costs) && eventRate !== null) {
    const ctx: DegradedContext = { model, untrusted: names, reasonCode: 'NO_COMPANION', reasons: [...why, noCompanion] };
    return rows.map((row) => ruleAnswer(row, rule, costs, eventRate, ctx));
  }
  const noRule =
    rule === null
      ? 'the use case has no fallback rule'
      : reads.length > 0
        ? `the fallback rule reads the untrusted ${reads.map((n) => `"${n}"`).join(', ')}`
        : 'the fallback rule applies to binary use cases only';
  const ctx: DegradedContext = { model, untrusted: names, reasonCode: 'NO_RULE', reasons: [...why, noCompanion, `${noRule}: no decision, the operator decides`] };
  return rows.map(() => abstention(ctx));
}
