// The declared model tests as gate checks: one check per test, naming the set version it ran on.
import type { GateCheck } from '@shopfloor/contracts';
import { runModelTests, type RunTestsDeps } from './run-tests.js';

/** For runGate's `modelTests`: runs every declared test on the version (an id, number or alias) and reports each as a check. */
export function modelTestChecks(deps: RunTestsDeps): (useCaseId: string, modelVersionId: string) => Promise<GateCheck[]> {
  return async (useCaseId, modelVersionId) => {
    const run = await runModelTests(deps, useCaseId, modelVersionId);
    return run.tests.map((t) => ({
      name: `model test "${t.name}" (${t.kind})`,
      passed: t.passed,
      measured: t.measured,
      limit: t.threshold,
      detail: `${t.message}; on ${t.set.name} v${t.set.version} (${t.rows} rows, sha256 ${t.set.hash.slice(0, 12)})`,
    }));
  };
}
