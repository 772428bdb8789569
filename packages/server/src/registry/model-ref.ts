// Naming a model version the way people do: a number (3, v3), an alias (champion) or its id (mv_...).
import { MODEL_ALIASES, ShopfloorError, type ModelAliasName } from '@shopfloor/contracts';
import type { ModelVersionRecord, Repositories } from '../store/index.js';

/** The alias name, or MODEL_ALIAS_UNKNOWN naming `field`. */
export function parseAliasName(alias: string, field = 'alias'): ModelAliasName {
  const found = MODEL_ALIASES.find((a) => a === alias);
  if (found === undefined) {
    throw new ShopfloorError('MODEL_ALIAS_UNKNOWN', `"${alias}" is not an alias: use ${MODEL_ALIASES.join(', ')}`, {
      field,
      alias,
      allowed: [...MODEL_ALIASES],
    });
  }
  return found;
}

/**
 * The version of `useCaseId` that `ref` names. A number that is no version, or an id of another use
 * case, is MODEL_NOT_FOUND; an alias that points nowhere is MODEL_ALIAS_NOT_SET; anything else
 * MODEL_REF_INVALID. `field` names the request part the ref came from.
 */
export async function resolveModelRef(repos: Repositories, useCaseId: string, ref: string | number, field = 'ref'): Promise<ModelVersionRecord> {
  const text = String(ref).trim();
  const number = /^v?(\d{1,9})$/i.exec(text);
  if (number !== null) {
    const record = await repos.modelVersions.getByNumber(useCaseId, Number(number[1]));
    if (record === null) {
      throw new ShopfloorError('MODEL_NOT_FOUND', `Use case "${useCaseId}" has no model version ${Number(number[1])}`, { useCaseId, field, ref: text });
    }
    return record;
  }
  if ((MODEL_ALIASES as readonly string[]).includes(text)) {
    const alias = await repos.modelAliases.get(useCaseId, text);
    if (alias === null) {
      throw new ShopfloorError('MODEL_ALIAS_NOT_SET', `Use case "${useCaseId}" has no ${text} model`, { useCaseId, field, alias: text });
    }
    const record = await repos.modelVersions.get(alias.modelVersionId);
    if (record === null) throw new Error(`alias ${text} of ${useCaseId} points at missing version ${alias.modelVersionId}`);
    return record;
  }
  if (text.startsWith('mv_')) {
    const record = await repos.modelVersions.get(text);
    if (record === null || record.useCaseId !== useCaseId) {
      throw new ShopfloorError('MODEL_NOT_FOUND', `Use case "${useCaseId}" has no model version with id "${text}"`, { useCaseId, field, ref: text });
    }
    return record;
  }
  throw new ShopfloorError(
    'MODEL_REF_INVALID',
    `"${text}" names no model version: give a version number (3 or v3), an alias (${MODEL_ALIASES.join(', ')}) or an id (mv_...)`,
    { useCaseId, field, ref: text },
  );
}
