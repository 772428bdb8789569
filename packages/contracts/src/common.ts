// Schemas every route shares: roles, users, the error envelope.
import { z } from 'zod';

export const ROLES = ['viewer', 'operator', 'engineer', 'admin'] as const;
export const Role = z.enum(ROLES);
export type Role = z.infer<typeof Role>;

export const User = z.object({
  id: z.string(),
  name: z.string(),
  role: Role,
  createdAt: z.string().describe('ISO 8601, UTC'),
});
export type User = z.infer<typeof User>;

export const ErrorResponse = z.object({
  error: z.object({
    code: z.string(),
    message: z.string(),
    details: z.record(z.string(), z.unknown()),
  }),
});
export type ErrorResponse = z.infer<typeof ErrorResponse>;

export const CreateUserRequest = z.object({ name: z.string().min(1).max(100), role: Role });
export const CreateTokenRequest = z.object({ userId: z.string(), name: z.string().min(1).max(100).default('api') });
export const TokenCreated = z.object({
  id: z.string(),
  userId: z.string(),
  name: z.string(),
  token: z.string().describe('Shown once; only its SHA-256 is stored.'),
});
