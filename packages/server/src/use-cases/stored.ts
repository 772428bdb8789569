// How a use case is kept in the store (spec_json, split_json) and read back into the contracts' UseCase.
import { z } from 'zod';
import { Costs, FeatureSpec, LabelTarget, ModelInput, SplitSpec, Task, type UseCase } from '@shopfloor/contracts';
import type { UseCaseRecord } from '../store/index.js';

/** spec_json: everything the request said besides id, name, task and dataset, plus what creation derived. */
export const StoredSpec = z.object({
  decision: z.string(),
  target: z.string(),
  features: z.array(FeatureSpec),
  entityColumn: z.string().optional(),
  timeColumn: z.string().optional(),
  /** Checked at creation; a multiclass matrix is in the order of `classes`. */
  costs: Costs,
  inputs: z.array(ModelInput),
  classes: z.array(z.string()).optional(),
  /** Present when the target comes from labels; `target` then names it and is no dataset column. */
  labelTarget: LabelTarget.optional(),
});
export type StoredSpec = z.infer<typeof StoredSpec>;

/** split_json: the rule, why it was chosen, and where the frozen benchmark keys are. */
export const StoredSplit = z.object({
  spec: SplitSpec,
  reason: z.string(),
  rows: z.object({ train: z.number().int(), test: z.number().int(), missingTarget: z.number().int() }),
  benchmark: z.object({
    columns: z.array(z.string()),
    count: z.number().int(),
    /** Artifact (kind 'benchmark') holding the sorted key list as JSON: { columns, keys }. */
    artifactSha256: z.string(),
  }),
});
export type StoredSplit = z.infer<typeof StoredSplit>;

export interface StoredUseCase {
  useCase: Omit<UseCase, 'championVersionId'>;
  split: StoredSplit;
}

export function fromRecord(record: UseCaseRecord): StoredUseCase {
  const spec = StoredSpec.parse(record.spec);
  const split = StoredSplit.parse(record.split);
  const useCase: Omit<UseCase, 'championVersionId'> = {
    id: record.id,
    name: record.name,
    decision: spec.decision,
    task: Task.parse(record.task),
    datasetVersionId: record.datasetVersionId,
    target: spec.target,
    features: spec.features,
    ...(spec.entityColumn === undefined ? {} : { entityColumn: spec.entityColumn }),
    ...(spec.timeColumn === undefined ? {} : { timeColumn: spec.timeColumn }),
    split: split.spec,
    costs: spec.costs,
    inputs: spec.inputs,
    ...(spec.classes === undefined ? {} : { classes: spec.classes }),
    ...(spec.labelTarget === undefined ? {} : { labelTarget: spec.labelTarget }),
    createdAt: record.createdAt,
    createdBy: record.createdBy,
  };
  return { useCase, split };
}
