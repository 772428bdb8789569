// Known limits: the one part of a model card people write, kept beside the immutable version (who and when), each edit audited.
import type { KnownLimits, User } from '@shopfloor/contracts';
import { requireRole } from '../access/index.js';
import { newId } from '../store/index.js';
import { ALIAS_ROLE, type RegistryDeps } from './aliases.js';
import { resolveModelRef } from './model-ref.js';

/** Replaces the known-limits text of the version `ref` names; the version itself does not change. Engineers only. */
export async function setKnownLimits(deps: RegistryDeps, actor: User, useCaseId: string, ref: string, text: string): Promise<KnownLimits> {
  requireRole(actor, ALIAS_ROLE);
  const at = deps.clock.now().toISOString();
  return deps.store.transaction(async (tx) => {
    const record = await resolveModelRef(tx, useCaseId, ref);
    const previous = await tx.knownLimits.get(record.id);
    const limits = await tx.knownLimits.set({ modelVersionId: record.id, text, updatedAt: at, updatedBy: actor.id });
    await tx.audit.append({
      id: newId('aud'),
      at,
      userId: actor.id,
      action: 'model.known-limits',
      subject: `use-case:${useCaseId}`,
      // The text before the edit is kept here: the audit log is the history of this record.
      details: { modelVersionId: record.id, version: record.version, text, previousText: previous?.text ?? null },
    });
    return limits;
  });
}
