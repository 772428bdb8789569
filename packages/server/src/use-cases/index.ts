// use-cases/: the unit a plant thinks in (target, features, split, costs), created against a dataset version.
export { createUseCase, type UseCaseDeps } from './create.js';
export { getUseCase, listUseCases, loadUseCase, loadBenchmark, useCaseNotFound } from './read.js';
export { checkRequest, type CheckedRequest } from './check-request.js';
export { modelInputs } from './inputs.js';
export { StoredSpec, StoredSplit, fromRecord, type StoredUseCase } from './stored.js';
export { currentFallbackRule, fallbackRuleState, setFallbackRule, removeFallbackRule, type FallbackRuleDeps } from './fallback-rule.js';
