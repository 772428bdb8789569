// The programmatic facade over use cases' serving policies (out of range, low confidence, model budget): what the CLI and the HTTP routes call.
import type { z } from 'zod';
import { SetServingPolicyRequest, validationError, type ServingPolicyState, type User } from '@shopfloor/contracts';
import type { Clock } from './clock.js';
import { servingPolicyState, setServingPolicy, type ServingPolicies } from './serve/index.js';
import type { Store } from './store/index.js';

export interface ServingPolicyFacade {
  /** The policy in force (defaults when never set) and its history, newest first; USE_CASE_NOT_FOUND. */
  servingPolicy(useCaseId: string): Promise<ServingPolicyState>;
  /** Engineers; audited. USE_CASE_NOT_FOUND, SERVING_POLICY_INVALID (field lowConfidenceBand), VALIDATION_FAILED. */
  setServingPolicy(actor: User, useCaseId: string, req: z.input<typeof SetServingPolicyRequest>): Promise<ServingPolicyState>;
}

export function createServingPolicyFacade(deps: { store: Store; clock: Clock; policies: ServingPolicies }): ServingPolicyFacade {
  return {
    servingPolicy: (useCaseId) => servingPolicyState(deps.store, useCaseId),
    async setServingPolicy(actor, useCaseId, req) {
      const parsed = SetServingPolicyRequest.safeParse(req);
      if (!parsed.success) throw validationError('body', parsed.error.issues);
      const state = await setServingPolicy(deps, actor, useCaseId, parsed.data);
      deps.policies.forget(useCaseId); // this process serves the new policy from the next request on
      return state;
    },
  };
}
