// Fastify's request validation with zod: a failure becomes VALIDATION_FAILED (contracts' validationError).
import type { FastifySchemaCompiler } from 'fastify';
import { safeParse, type $ZodType } from 'zod/v4/core';
import { validationError } from '@shopfloor/contracts';

/** Like fastify-type-provider-zod's validatorCompiler, but keeps zod's path segments intact for the message. */
export const zodValidatorCompiler: FastifySchemaCompiler<$ZodType> = ({ schema, httpPart }) => (data) => {
  const result = safeParse(schema, data);
  if (result.success) return { value: result.data };
  return { error: validationError(httpPart ?? 'body', result.error.issues) };
};
