// A stored companion model ready to answer: loaded from its sha256-verified artifact, priced with its own decision rule.
import { GbdtError, loadModel } from '@shopfloor/gbdt';
import { ShopfloorError, type CompanionModel } from '@shopfloor/contracts';
import type { ModelVersionRecord, Repositories } from '../store/index.js';
import type { StoredUseCase } from '../use-cases/index.js';
import { createPredictor, type Predictor } from './predictor.js';

/** Answers carry the champion's id and version (the companion belongs to it); the companion itself is named beside. */
export async function companionPredictor(repos: Repositories, stored: StoredUseCase, champion: ModelVersionRecord, companion: CompanionModel): Promise<Predictor> {
  const artifact = await repos.artifacts.get(companion.artifactSha256);
  let model;
  try {
    model = loadModel(artifact.bytes.toString('utf8'));
  } catch (e) {
    if (!(e instanceof GbdtError)) throw e;
    throw new ShopfloorError('MODEL_ARTIFACT_CORRUPT', `Companion model ${companion.id} cannot be read: ${e.message}`, { companionId: companion.id, sha256: companion.artifactSha256, learnerCode: e.code });
  }
  const { useCase } = stored;
  return createPredictor({
    model,
    modelId: champion.id,
    modelVersion: champion.version,
    decisionRule: companion.decisionRule,
    costs: useCase.costs,
    inputs: useCase.inputs.filter((i) => i.name !== companion.leftOut),
    classes: useCase.classes,
  });
}
