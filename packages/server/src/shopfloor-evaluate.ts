// The facade's evaluation part: comparing versions on the frozen sets and the gate, for the CLI and the routes.
import { CompareRequest, GateRequest, ShopfloorError, validationError, type Comparison, type GateRecord, type ModelEvaluation, type User } from '@shopfloor/contracts';
import type { z } from 'zod';
import type { Clock } from './clock.js';
import { compareVersions, edgeSetTables, evaluateModelVersion, modelTestChecks, runGate, type GateDeps } from './compare/index.js';
import { resolveModelRef, type ModelCache } from './registry/index.js';
import type { Store } from './store/index.js';
import { loadUseCase } from './use-cases/index.js';

/** Every method answers USE_CASE_NOT_FOUND for an unknown use case first. */
export interface EvaluateFacade {
  /** Versions (the first is the baseline) on the benchmark and edge-case sets; COMPARE_INVALID, MODEL_NOT_FOUND, MODEL_REF_INVALID. */
  compare(useCaseId: string, req: CompareRequest): Promise<Comparison>;
  /** Runs and stores the gate; the record says whether it passed (a failed gate is no error). */
  gate(actor: User, useCaseId: string, req: GateRequest): Promise<GateRecord>;
  /** Newest first; only one candidate's when `candidate` names a version. */
  listGates(useCaseId: string, candidate?: string): Promise<GateRecord[]>;
  /** GATE_NOT_FOUND. */
  getGate(useCaseId: string, gateId: string): Promise<GateRecord>;
  /** One version on the benchmark, for plotting (curves, calibration, confusion, residuals, SHAP); MODEL_NOT_FOUND, MODEL_REF_INVALID, MODEL_EVALUATION_INVALID. */
  modelEvaluation(useCaseId: string, ref: string): Promise<ModelEvaluation>;
}

function parse<S extends z.ZodType>(schema: S, value: unknown, part: string): z.output<S> {
  const result = schema.safeParse(value);
  if (!result.success) throw validationError(part, result.error.issues);
  return result.data;
}

export function createEvaluateFacade(store: Store, clock: Clock, models: ModelCache): EvaluateFacade {
  const deps: GateDeps = {
    repos: store,
    models,
    now: () => clock.now(),
    benchmarkHashes: new Map(),
    edgeSets: edgeSetTables(store),
    modelTests: modelTestChecks({ store, clock, models }),
  };
  return {
    async compare(useCaseId, req) {
      return compareVersions(deps, useCaseId, parse(CompareRequest, req, 'body'), deps.edgeSets);
    },
    async gate(actor, useCaseId, req) {
      return runGate(deps, actor, useCaseId, parse(GateRequest, req, 'body'));
    },
    async listGates(useCaseId, candidate) {
      await loadUseCase(store, useCaseId);
      const candidateId = candidate === undefined ? undefined : (await resolveModelRef(store, useCaseId, candidate, 'candidate')).id;
      return store.gateRecords.list(useCaseId, { candidateId });
    },
    async getGate(useCaseId, gateId) {
      await loadUseCase(store, useCaseId);
      const record = await store.gateRecords.get(useCaseId, gateId);
      if (record === null) throw new ShopfloorError('GATE_NOT_FOUND', `Use case "${useCaseId}" has no gate record "${gateId}"`, { useCaseId, gateId });
      return record;
    },
    modelEvaluation: (useCaseId, ref) => evaluateModelVersion({ repos: store, models }, useCaseId, ref),
  };
}
