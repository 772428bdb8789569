// GET /api/v1/me: who the token belongs to (the UI and CLI use it to check a token and show the role).
import { User } from '@shopfloor/contracts';
import type { AppInstance } from '../types.js';
import { errorResponses } from './error-responses.js';

export async function meRoutes(app: AppInstance): Promise<void> {
  app.get(
    '/api/v1/me',
    { schema: { response: { 200: User, ...errorResponses } }, config: { access: 'viewer' } },
    async (request) => request.requireUser(),
  );
}
