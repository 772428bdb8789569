// The learner parameters of a stored model version, read back so its companions train exactly like it.
/**
 * A version stores every resolved parameter (unset ones as null), plus `numClass` (set from the use
 * case, refused when given) and, for a target from labels, its `labelTarget` lineage (not a learner
 * parameter). What is left is what the version was trained with.
 */
export function versionTrainingParams(stored: unknown): Record<string, unknown> {
  if (stored === null || typeof stored !== 'object' || Array.isArray(stored)) return {};
  const params: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(stored)) {
    if (value === null || key === 'numClass' || key === 'labelTarget') continue;
    params[key] = value;
  }
  return params;
}
