// Admin-only token minting: POST /api/v1/tokens returns the plaintext once; only its SHA-256 is kept.
import { CreateTokenRequest, ErrorResponse, TokenCreated } from '@shopfloor/contracts';
import { createToken } from '../../access/index.js';
import type { AppInstance } from '../types.js';
import { errorResponses } from './error-responses.js';

export async function tokenRoutes(app: AppInstance): Promise<void> {
  app.post(
    '/api/v1/tokens',
    {
      schema: {
        body: CreateTokenRequest,
        response: { 201: TokenCreated, ...errorResponses, 404: ErrorResponse.describe('USER_NOT_FOUND') },
      },
      config: { access: 'admin' },
    },
    async (request, reply) => {
      const created = await app.store.transaction(async (tx) => {
        const token = await createToken({ store: tx, clock: app.clock }, request.body);
        // The plaintext never reaches the audit log.
        await request.audit('token.create', `user:${token.userId}`, { tokenId: token.id, name: token.name }, tx);
        return token;
      });
      return reply.code(201).send(created);
    },
  );
}
