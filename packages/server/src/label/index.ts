// label/: failure spans and events on assets (recorded, listed, retracted), the horizon target they give training, and the late join with predictions.
export { createLabels, retractLabel, type LabelDeps } from './record.js';
export { updateLabel } from './edit.js';
export { listLabels, loadStandingLabels } from './read.js';
export { indexLabels, toEpochMs, type DuringSpan, type Instant, type LabelIndex, type LabelSpan } from './label-index.js';
export {
  horizonTargets,
  type HorizonTargetCounts,
  type HorizonTargetOptions,
  type HorizonTargets,
  type TargetRows,
} from './horizon-targets.js';
export {
  joinLateLabels,
  type JoinedPrediction,
  type LabelOutcome,
  type LateJoinOptions,
  type ServedPrediction,
  type Verdict,
} from './late-join.js';
