// The trust stage: sensor checks as streaming state machines, baselines, batch runs and seeded fault injection.
export { fitBaseline, type SensorBaseline } from './baseline.js';
export { fitGroupBaseline } from './group-baseline.js';
export type { DifferenceBaseline } from './check-drift.js';
export { TrustMonitor, createTrustMonitor, type TrustMonitorOptions } from './monitor.js';
export { checkSeries, type SensorSeries, type BatchResult } from './batch.js';
export { NO_EVENTS, type TrustEvent } from './issue.js';
export { TRUST_DEFAULTS, type TrustParams } from './params.js';
export { seededRandom, type Random } from './random.js';
export { median, robustSigma } from './stats.js';
export { stuckTolerance } from './reading-rules.js';
export {
  FAULT_KINDS,
  FAULT_CODES,
  FAULT_SIZES,
  FAULT_ROOM,
  injectFaults,
  synthesiseTwin,
  planFaults,
  type FaultKind,
  type InjectedFault,
  type FaultySeries,
  type PlannedFault,
} from './fault-injection.js';
export { trustFindings, type SensorFindings } from './report/trust-findings.js';
export { fitReference, type ReferenceFit } from './report/reference.js';
