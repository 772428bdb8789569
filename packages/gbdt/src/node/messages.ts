// What the caller's thread and the training threads say to each other.
import type { TrainedForest } from '../booster.js';
import type { LabelledRows } from '../prepare.js';
import type { FeatureInfo, GbdtParams, TrainingProgress } from '../types.js';
import type { SerializedError } from './errors.js';
import type { SharedFit } from './shared.js';

/** workerData of a training thread. Only the coordinator (thread 0) gets fit. */
export interface WorkerStart {
  readonly role: 'coordinator' | 'helper';
  readonly thread: number;
  readonly shared: SharedFit;
  readonly fit?: {
    readonly params: GbdtParams;
    readonly features: FeatureInfo[];
    readonly validation: LabelledRows | undefined;
    /** Whether the caller passed onProgress (the loss is computed each round only then). */
    readonly reportProgress: boolean;
  };
}

/** Coordinator -> caller: progress once per round, then the forest or the first error. */
export type FitMessage =
  | { readonly kind: 'progress'; readonly progress: TrainingProgress }
  | { readonly kind: 'done'; readonly trained: TrainedForest }
  | { readonly kind: 'error'; readonly error: SerializedError | undefined };
