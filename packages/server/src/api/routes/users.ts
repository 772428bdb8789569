// Admin-only user management: list users, create a user with a role.
import { z } from 'zod';
import { CreateUserRequest, ErrorResponse, User } from '@shopfloor/contracts';
import { createUser } from '../../access/index.js';
import type { AppInstance } from '../types.js';
import { errorResponses } from './error-responses.js';

export async function userRoutes(app: AppInstance): Promise<void> {
  app.get(
    '/api/v1/users',
    { schema: { response: { 200: z.object({ users: z.array(User) }), ...errorResponses } }, config: { access: 'admin' } },
    async () => ({ users: await app.store.users.list() }),
  );

  app.post(
    '/api/v1/users',
    {
      schema: {
        body: CreateUserRequest,
        response: { 201: User, ...errorResponses, 409: ErrorResponse.describe('USER_EXISTS') },
      },
      config: { access: 'admin' },
    },
    async (request, reply) => {
      const user = await app.store.transaction(async (tx) => {
        const created = await createUser({ store: tx, clock: app.clock }, request.body);
        await request.audit('user.create', `user:${created.id}`, { name: created.name, role: created.role }, tx);
        return created;
      });
      return reply.code(201).send(user);
    },
  );
}
