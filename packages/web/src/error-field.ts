// Finds which form field a server error is about, so the message can sit next to that field.
import type { ApiError } from './api.js';

const DETAIL_KEYS = ['feature', 'field', 'column', 'name'] as const;

/**
 * The feature a 400 names: from `details.feature` (PREDICT_* codes), `details.field`/`column`/`name`,
 * a `details.path` / `details.issues[].path` ending in `row.<feature>`, or else the longest feature
 * name quoted in the message.
 */
export function fieldOfError(error: ApiError, featureNames: readonly string[]): string | null {
  const known = new Set(featureNames);
  for (const key of DETAIL_KEYS) {
    const value = error.details[key];
    if (typeof value === 'string' && known.has(value)) return value;
  }
  const longestFirst = [...featureNames].sort((a, b) => b.length - a.length);
  const paths: unknown[] = [error.details['path']];
  const issues = error.details['issues'];
  if (Array.isArray(issues)) for (const issue of issues) paths.push((issue as { path?: unknown } | null)?.path);
  for (const path of paths) {
    if (Array.isArray(path)) {
      const last: unknown = path[path.length - 1];
      if (typeof last === 'string' && known.has(last)) return last;
    } else if (typeof path === 'string') {
      // The server writes paths as 'row.Torque [Nm]'; column names may hold dots themselves, so match whole names.
      const named = longestFirst.find((name) => path === name || path.endsWith(`.${name}`));
      if (named !== undefined) return named;
    }
  }
  const quoted = longestFirst.find(
    (name) => error.message.includes(`"${name}"`) || error.message.includes(`'${name}'`) || error.message.includes(`\`${name}\``),
  );
  return quoted ?? null;
}
