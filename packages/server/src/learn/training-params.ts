// Learner parameters for a use case: sensible defaults for plant data, the user's overrides, every one checked.
import { GbdtError, resolveParams, type GbdtParams, type Objective } from '@shopfloor/gbdt';
import { ShopfloorError, type Task } from '@shopfloor/contracts';

/** Defaults suited to tabular sensor data of a few thousand to a few million rows. */
export const DEFAULT_TRAINING_PARAMS = {
  maxIter: 200,
  learningRate: 0.1,
  maxDepth: 6,
  l2Regularization: 1,
  minSamplesLeaf: 20,
} as const;

const REGRESSION_OBJECTIVES: readonly Objective[] = ['squared_error', 'absolute_error', 'huber', 'quantile', 'poisson'];

function failed(param: string, message: string, details: Record<string, unknown> = {}): ShopfloorError {
  return new ShopfloorError('TRAINING_FAILED', `params.${param}: ${message}`, { param, learnerCode: 'GBDT_INVALID_PARAM', ...details });
}

function objectiveFor(task: Task, requested: unknown): Objective {
  if (task === 'binary' || task === 'multiclass') {
    if (requested !== undefined && requested !== task) throw failed('objective', `a ${task} use case trains with objective ${task}, not ${String(requested)}`);
    return task;
  }
  if (requested === undefined) return 'squared_error';
  if (typeof requested !== 'string' || !REGRESSION_OBJECTIVES.includes(requested as Objective)) {
    throw failed('objective', `a regression use case takes one of ${REGRESSION_OBJECTIVES.join(', ')}; got ${JSON.stringify(requested)}`);
  }
  return requested as Objective;
}

/**
 * Defaults, then the user's parameters, resolved and validated by the learner; a bad or unknown
 * parameter is TRAINING_FAILED naming it. numClass comes from the use case's classes.
 */
export function trainingParams(task: Task, user: Readonly<Record<string, unknown>>, nClasses: number | undefined): GbdtParams {
  if ('numClass' in user) throw failed('numClass', 'is set from the use case classes and cannot be given');
  const objective = objectiveFor(task, user['objective']);
  const merged = {
    ...DEFAULT_TRAINING_PARAMS,
    ...user,
    objective,
    ...(task === 'multiclass' ? { numClass: nClasses } : {}),
  } as Partial<GbdtParams> & { objective: Objective };
  try {
    return resolveParams(merged);
  } catch (e) {
    if (e instanceof GbdtError) throw failed(String(e.details.param ?? 'params'), e.message, { learnerCode: e.code });
    throw e;
  }
}

/** The parameters as stored with a model version: every parameter, unset ones as null (JSON keeps them). */
export function storedParams(params: GbdtParams): Record<string, unknown> {
  return Object.fromEntries(Object.entries(params).map(([k, v]) => [k, v === undefined ? null : v]));
}
