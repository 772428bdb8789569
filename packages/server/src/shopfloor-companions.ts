// The facade's degraded-mode part: companion models of a version (trained for a new champion after training or promotion, or on request) and live sensor health.
import { CompanionRequest, DEFAULT_COMPANION_SENSORS, ShopfloorError, validationError, type CompanionModel, type ModelVersion, type SensorHealth, type SensorHealthEntry, type User } from '@shopfloor/contracts';
import type { z } from 'zod';
import type { Clock } from './clock.js';
import type { Config } from './config.js';
import { listCompanions, trainCompanions } from './companions/index.js';
import { CHAMPION } from './registry/index.js';
import { createSensorHealthBoard, type SensorHealthBoard } from './serve/index.js';
import type { RegistryFacade } from './shopfloor-registry.js';
import type { Store } from './store/index.js';
import { listUseCases } from './use-cases/index.js';

export interface CompanionsFacade {
  /** Live sensor health read by serving: `untrusted` sensors are never used in a prediction. */
  readonly health: SensorHealthBoard;
  /** Trains the missing companions of version `ref` and returns all of them; USE_CASE_NOT_FOUND, MODEL_NOT_FOUND, MODEL_REF_INVALID, COMPANION_INVALID, VALIDATION_FAILED. */
  train(actor: User, useCaseId: string, ref: string, req?: z.input<typeof CompanionRequest>): Promise<CompanionModel[]>;
  list(useCaseId: string, ref: string): Promise<CompanionModel[]>;
  /**
   * Right after training and its robustness replay: a version that became champion gets companions for
   * its config.companionSensors (2) most critical sensors. A failure never fails the training: logged, [] then.
   */
  afterTraining(actor: User, version: ModelVersion): Promise<CompanionModel[]>;
  /** Right after a version was promoted to champion: the same, never failing the move. */
  afterPromotion(actor: User, useCaseId: string, modelVersionId: string): Promise<CompanionModel[]>;
  /** Sets a sensor's live health: a registered sensor id, or a sensor id or input name some use case reads; else SENSOR_NOT_FOUND. */
  setSensorHealth(sensorId: string, state: SensorHealth): Promise<SensorHealthEntry>;
}

/** Registered sensors, and every sensor key a use case's inputs carry (sensorId, else the input name). */
async function isKnownSensor(store: Store, sensorId: string): Promise<boolean> {
  if ((await store.sensors.get(sensorId)) !== null) return true;
  const useCases = await listUseCases(store);
  return useCases.some((u) => u.inputs.some((i) => i.name === sensorId || i.sensorId === sensorId) || u.features.some((f) => f.sensorId === sensorId));
}

export function createCompanionsFacade(store: Store, clock: Clock, config: Pick<Config, 'logLevel' | 'companionSensors'>): CompanionsFacade {
  const deps = { store, now: () => clock.now() };
  const k = config.companionSensors ?? DEFAULT_COMPANION_SENSORS;
  const health = createSensorHealthBoard(() => clock.now());

  /** A failure is logged (warn) and never fails the training or the move: untrusted sensors then fall through to the rule. */
  async function forChampion(actor: User, useCaseId: string, modelVersionId: string, trigger: 'training' | 'promotion'): Promise<CompanionModel[]> {
    if (k === 0) return [];
    try {
      return await trainCompanions(deps, actor, useCaseId, modelVersionId, { k }, trigger);
    } catch (e) {
      if (config.logLevel !== 'silent' && config.logLevel !== 'fatal' && config.logLevel !== 'error') {
        const line = { level: 'warn', time: clock.now().toISOString(), msg: `companion-model training after ${trigger} failed; untrusted sensors fall through to the fallback rule`, useCaseId, modelVersionId, error: e instanceof Error ? e.message : String(e) };
        process.stderr.write(`${JSON.stringify(line)}\n`);
      }
      return [];
    }
  }

  return {
    health,
    async setSensorHealth(sensorId, state) {
      if (!(await isKnownSensor(store, sensorId))) {
        throw new ShopfloorError('SENSOR_NOT_FOUND', `No registered sensor and no use case input is "${sensorId}"`, { sensor: sensorId });
      }
      return health.set(sensorId, state);
    },
    async train(actor, useCaseId, ref, req = {}) {
      const parsed = CompanionRequest.safeParse(req);
      if (!parsed.success) throw validationError('body', parsed.error.issues);
      return trainCompanions(deps, actor, useCaseId, ref, parsed.data, 'request');
    },
    list: (useCaseId, ref) => listCompanions(store, useCaseId, ref),
    async afterTraining(actor, version) {
      if (!version.aliases.includes(CHAMPION)) return [];
      return forChampion(actor, version.useCaseId, version.id, 'training');
    },
    afterPromotion: (actor, useCaseId, modelVersionId) => forChampion(actor, useCaseId, modelVersionId, 'promotion'),
  };
}

/** The registry facade whose champion moves also train the new champion's companions (after the move is stored). */
export function withCompanionsOnPromotion(registry: RegistryFacade, companions: CompanionsFacade): RegistryFacade {
  return {
    ...registry,
    async moveAlias(actor, useCaseId, alias, req) {
      const change = await registry.moveAlias(actor, useCaseId, alias, req);
      if (change.changed && change.alias?.alias === CHAMPION) await companions.afterPromotion(actor, useCaseId, change.alias.modelVersionId);
      return change;
    },
  };
}
