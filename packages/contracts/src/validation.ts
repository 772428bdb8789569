// Zod issues as one VALIDATION_FAILED error naming each field path, e.g. body.rows[0].Torque [Nm]; shared by the API and the facade.
import type { $ZodIssue } from 'zod/v4/core';
import { ShopfloorError } from './errors.js';

/** [ 'rows', 0, 'Torque [Nm]' ] -> 'rows[0].Torque [Nm]'. Column names are kept verbatim, spaces and all. */
export function formatPath(path: ReadonlyArray<PropertyKey>): string {
  let out = '';
  for (const key of path) {
    if (typeof key === 'number') out += `[${key}]`;
    else out += out === '' ? String(key) : `.${String(key)}`;
  }
  return out;
}

export interface ValidationIssue {
  /** Where in the request part, e.g. 'rows[0].Torque [Nm]' ('' for the part itself). */
  path: string;
  message: string;
  code: string;
}

/** Fastify's httpPart names, as a user would call them. */
const PART_NAMES: Record<string, string> = { body: 'body', querystring: 'query', params: 'path', headers: 'headers' };

export function validationError(part: string, issues: readonly $ZodIssue[]): ShopfloorError {
  const shown: ValidationIssue[] = issues.map((i) => ({ path: formatPath(i.path), message: i.message, code: i.code }));
  const where = PART_NAMES[part] ?? part;
  const summary = shown
    .slice(0, 5)
    .map((i) => `${where}${i.path === '' ? '' : `.${i.path}`}: ${i.message}`)
    .join('; ');
  const more = shown.length > 5 ? ` (and ${shown.length - 5} more)` : '';
  return new ShopfloorError('VALIDATION_FAILED', `${summary}${more}`, { in: where, issues: shown });
}
