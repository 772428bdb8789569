// Error replies for route schemas, so the OpenAPI document shows the envelope every failure uses.
import { ErrorResponse } from '@shopfloor/contracts';

/** Spread into `response`: 400 (validation), 401 (token), 403 (role). */
export const errorResponses = {
  400: ErrorResponse.describe('VALIDATION_FAILED and other request errors; details name the field'),
  401: ErrorResponse.describe('AUTH_TOKEN_MISSING or AUTH_TOKEN_INVALID'),
  403: ErrorResponse.describe('AUTH_ROLE_TOO_WEAK'),
} as const;
