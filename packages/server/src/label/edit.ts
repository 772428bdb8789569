// Editing a label: the fields given change, the rest are kept, and the old label is retracted with the edit as its replacement.
import { ShopfloorError, type RetractLabelResponse, type UpdateLabelRequest, type User } from '@shopfloor/contracts';
import { retractLabel, type LabelDeps } from './record.js';
import { requireUseCase } from './use-case-check.js';

/**
 * Labels feed training, so an edit keeps history: the edited label gets a new id, the old one is
 * retracted (reason, who, when) and points to it. Same rules as a retraction: operators edit only their
 * own labels. Run it in a transaction. USE_CASE_NOT_FOUND, LABEL_NOT_FOUND, LABEL_ALREADY_RETRACTED,
 * AUTH_ROLE_TOO_WEAK, LABEL_INVALID_SPAN (field replacement.end).
 */
export async function updateLabel(
  deps: LabelDeps,
  actor: User,
  useCaseId: string,
  labelId: string,
  request: UpdateLabelRequest,
): Promise<RetractLabelResponse> {
  await requireUseCase(deps.store, useCaseId);
  const label = await deps.store.labels.get(labelId);
  if (label === null || label.useCaseId !== useCaseId) {
    // retractLabel gives the same errors; checking here lets the merge below read a label that exists.
    throw new ShopfloorError('LABEL_NOT_FOUND', `Use case "${useCaseId}" has no label ${labelId}`, { useCaseId, labelId });
  }
  const replacement = {
    asset: request.asset ?? label.asset,
    start: request.start ?? label.start,
    end: request.end === undefined ? label.end : request.end,
    class: request.class ?? label.class,
    note: request.note ?? label.note,
  };
  return retractLabel(deps, actor, useCaseId, labelId, { reason: request.reason, replacement });
}
