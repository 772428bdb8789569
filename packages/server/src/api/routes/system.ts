// Liveness for load balancers and scripts: GET /healthz answers 200 only when the store answers.
import { z } from 'zod';
import { ErrorResponse, ShopfloorError } from '@shopfloor/contracts';
import type { AppInstance } from '../types.js';
import { serverVersion } from '../version.js';

const STORE_PING_TIMEOUT_MS = 2_000;

const Health = z.object({
  status: z.literal('ok'),
  store: z.enum(['sqlite', 'postgres']),
  version: z.string(),
  time: z.string().describe('Server time, ISO 8601 UTC'),
});

async function pingWithin(ping: () => Promise<void>, ms: number): Promise<void> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`no answer within ${ms} ms`)), ms);
  });
  try {
    await Promise.race([ping(), timeout]);
  } finally {
    clearTimeout(timer);
  }
}

export async function systemRoutes(app: AppInstance): Promise<void> {
  app.get(
    '/healthz',
    { schema: { response: { 200: Health, 503: ErrorResponse } }, config: { access: 'public' } },
    async () => {
      try {
        await pingWithin(() => app.store.ping(), STORE_PING_TIMEOUT_MS);
      } catch (e) {
        throw new ShopfloorError('STORE_UNAVAILABLE', `The ${app.store.backend} store does not answer: ${(e as Error).message}`, {
          store: app.store.backend,
        }, { cause: e });
      }
      return { status: 'ok' as const, store: app.store.backend, version: serverVersion(), time: app.clock.now().toISOString() };
    },
  );
}
