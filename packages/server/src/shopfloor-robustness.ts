// The facade's sensor-robustness part: replay a version's benchmark with each sensor failed, read the newest record, and assess right after training.
import { RobustnessRequest, validationError, type ModelVersion, type RobustnessRecord, type User } from '@shopfloor/contracts';
import type { z } from 'zod';
import type { Clock } from './clock.js';
import type { LogLevel } from './config.js';
import { assessRobustness, latestRobustness, type RobustnessDeps } from './compare/index.js';
import { createModelCache } from './registry/index.js';
import type { Store } from './store/index.js';

export interface RobustnessFacade {
  /** Replays and appends a record; USE_CASE_NOT_FOUND, MODEL_NOT_FOUND, MODEL_REF_INVALID, ROBUSTNESS_INVALID, VALIDATION_FAILED. */
  assess(actor: User, useCaseId: string, ref: string, req?: z.input<typeof RobustnessRequest>): Promise<RobustnessRecord>;
  /** The newest record of a version; ROBUSTNESS_NOT_FOUND when it was never assessed. */
  latest(useCaseId: string, ref: string): Promise<RobustnessRecord>;
  /**
   * Right after training registered `version`: a failure never fails the training. It is logged (at warn)
   * and the model card keeps saying `not-assessed`; null then.
   */
  afterTraining(actor: User, version: ModelVersion): Promise<RobustnessRecord | null>;
}

const WARN_LEVELS: readonly LogLevel[] = ['trace', 'debug', 'info', 'warn'];

export function createRobustnessFacade(store: Store, clock: Clock, logLevel: LogLevel): RobustnessFacade {
  const deps: RobustnessDeps = { repos: store, models: createModelCache(store), now: () => clock.now() };
  return {
    async assess(actor, useCaseId, ref, req = {}) {
      const parsed = RobustnessRequest.safeParse(req);
      if (!parsed.success) throw validationError('body', parsed.error.issues);
      return assessRobustness(deps, actor, useCaseId, ref, parsed.data, 'request');
    },
    latest: (useCaseId, ref) => latestRobustness(store, useCaseId, ref),
    async afterTraining(actor, version) {
      try {
        return await assessRobustness(deps, actor, version.useCaseId, version.id, {}, 'training');
      } catch (e) {
        if (WARN_LEVELS.includes(logLevel)) {
          const line = { level: 'warn', time: clock.now().toISOString(), msg: 'sensor-robustness replay after training failed; the model card stays not-assessed', useCaseId: version.useCaseId, modelVersionId: version.id, error: e instanceof Error ? e.message : String(e) };
          process.stderr.write(`${JSON.stringify(line)}\n`);
        }
        return null;
      }
    },
  };
}
