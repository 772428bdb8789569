// A predictor for one model version of a use case: its model (loaded through the cache), decision rule, costs and inputs.
import { DecisionRule } from '@shopfloor/contracts';
import type { ModelCache } from '../registry/index.js';
import type { ModelVersionRecord } from '../store/index.js';
import type { StoredUseCase } from '../use-cases/index.js';
import { createPredictor, type Predictor } from './predictor.js';

/** The one way a stored version becomes a predictor, shared by the prediction service and the model tests. */
export async function versionPredictor(models: ModelCache, stored: StoredUseCase, record: ModelVersionRecord): Promise<Predictor> {
  const model = await models.get(record);
  const { useCase } = stored;
  return createPredictor({
    model,
    modelId: record.id,
    modelVersion: record.version,
    decisionRule: DecisionRule.parse(record.threshold),
    costs: useCase.costs,
    inputs: useCase.inputs,
    classes: useCase.classes,
  });
}
