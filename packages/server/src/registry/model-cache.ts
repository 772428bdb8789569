// Loaded models cached per model version id, loaded through the artifact store (sha256 verified) on first use.
import { GbdtError, loadModel, type GbdtModel } from '@shopfloor/gbdt';
import { ShopfloorError } from '@shopfloor/contracts';
import type { ModelVersionRecord, Repositories } from '../store/index.js';

export interface ModelCache {
  /** The parsed model of this version; MODEL_ARTIFACT_CORRUPT when its bytes or format are damaged. */
  get(record: ModelVersionRecord): Promise<GbdtModel>;
  clear(): void;
}

/**
 * Versions are immutable, so a loaded model never goes stale. One cache per app or facade instance
 * (never module-wide); a failed load is not cached, so a repaired artifact is picked up.
 */
export function createModelCache(repos: Repositories): ModelCache {
  const loaded = new Map<string, Promise<GbdtModel>>();
  const load = async (record: ModelVersionRecord): Promise<GbdtModel> => {
    const artifact = await repos.artifacts.get(record.artifactSha256);
    try {
      return loadModel(artifact.bytes.toString('utf8'));
    } catch (e) {
      if (!(e instanceof GbdtError)) throw e;
      throw new ShopfloorError('MODEL_ARTIFACT_CORRUPT', `Model version ${record.id} cannot be read: ${e.message}`, {
        modelVersionId: record.id,
        sha256: record.artifactSha256,
        learnerCode: e.code,
      });
    }
  };
  return {
    get(record) {
      let model = loaded.get(record.id);
      if (model === undefined) {
        model = load(record);
        loaded.set(record.id, model);
        model.catch(() => loaded.delete(record.id));
      }
      return model;
    },
    clear() {
      loaded.clear();
    },
  };
}
