// compare/: every version against the ones before it: frozen evaluation sets, declared model tests, comparison on identical rows, and the CI gate.
export { compareVersions, type CompareDeps, type SetSource } from './versions/run-comparison.js';
export { runGate, type GateDeps, type ModelTestChecks } from './versions/run-gate.js';
export { DEFAULT_TOLERANCES } from './versions/gate-checks.js';
export { renderComparison, renderGateReport } from './versions/report.js';
export { scoreSet, matrixForModel, type SetTable, type VersionModel, type ScoredSet } from './versions/score-set.js';
export { loadEvaluationSet, listEvaluationSets, type SetChoice } from './sets/load-set.js';
export { loadBenchmarkSet, BENCHMARK_VERSION } from './sets/benchmark-set.js';
export { appendEvaluationSet, type EvaluationSetDeps, type AppendRequest } from './sets/append-set.js';
export { evaluationSetTable } from './sets/set-rows.js';
export { edgeSetTables, type EdgeSetTable } from './sets/edge-set-tables.js';
export { sliceRows, checkSlice } from './sets/row-filter.js';
export { declareModelTest, listModelTests, type ModelTestDeps } from './model-tests/declare-test.js';
export { runModelTests, type RunTestsDeps } from './model-tests/run-tests.js';
export { modelTestChecks } from './model-tests/gate-checks.js';
export { assessRobustness, latestRobustness, type RobustnessDeps } from './robustness/run-robustness.js';
export { replaySensorFailures, type SensorReplay } from './robustness/replay.js';
export { evaluateModelVersion, type ModelEvaluationDeps } from './evaluation/model-evaluation.js';
