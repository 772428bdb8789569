// Recording labels: a batch stored all or nothing with its author, and a retraction that may add the correction.
import {
  ShopfloorError,
  type CreateLabelRequest,
  type Label,
  type NewLabel,
  type RetractLabelRequest,
  type RetractLabelResponse,
  type User,
} from '@shopfloor/contracts';
import { hasRole } from '../access/index.js';
import type { Clock } from '../clock.js';
import { newId, type NewLabelRecord, type Repositories } from '../store/index.js';
import { requireUseCase } from './use-case-check.js';

export interface LabelDeps {
  /** The store, or (to keep the audit entry with the change) one transaction's repositories. */
  store: Repositories;
  clock: Clock;
}

/** How many bad spans one error lists in its details. */
const MAX_REPORTED = 20;

/** LABEL_INVALID_SPAN naming the field of every span that ends at or before its start (`end` or `labels[3].end`). */
function checkSpans(labels: readonly NewLabel[], fieldOf: (i: number) => string): void {
  const bad: { field: string; start: string; end: string }[] = [];
  labels.forEach((l, i) => {
    if (l.end !== null && l.end <= l.start) bad.push({ field: fieldOf(i), start: l.start, end: l.end });
  });
  const first = bad[0];
  if (first === undefined) return;
  const more = bad.length > 1 ? ` (and ${bad.length - 1} more)` : '';
  throw new ShopfloorError(
    'LABEL_INVALID_SPAN',
    `${first.field}: the span ends at ${first.end}, not after its start ${first.start}; omit end for an event${more}`,
    { field: first.field, start: first.start, end: first.end, invalid: bad.slice(0, MAX_REPORTED), count: bad.length },
  );
}

function toRecord(actor: User, useCaseId: string, label: NewLabel, createdAt: string): NewLabelRecord {
  return { id: newId('lbl'), useCaseId, ...label, author: actor.id, createdAt };
}

/**
 * Stores one label or a batch for the use case, authored by `actor`: every label or (inside a
 * transaction) none. USE_CASE_NOT_FOUND, LABEL_INVALID_SPAN naming the field.
 */
export async function createLabels(deps: LabelDeps, actor: User, useCaseId: string, request: CreateLabelRequest): Promise<Label[]> {
  const labels = request.labels ?? (request.label === undefined ? [] : [request.label]);
  checkSpans(labels, (i) => (request.labels === undefined ? 'label.end' : `labels[${i}].end`));
  await requireUseCase(deps.store, useCaseId);
  const createdAt = deps.clock.now().toISOString();
  return deps.store.labels.insertMany(labels.map((l) => toRecord(actor, useCaseId, l, createdAt)));
}

function labelNotFound(useCaseId: string, labelId: string): ShopfloorError {
  return new ShopfloorError('LABEL_NOT_FOUND', `Use case "${useCaseId}" has no label ${labelId}`, { useCaseId, labelId });
}

/**
 * Retracts a standing label (kept as history, never used again) and, for a correction, stores its
 * replacement and links the two. Operators may retract only labels they recorded; engineers and admins
 * any. Run it in a transaction so that a refused retraction leaves no replacement behind.
 * USE_CASE_NOT_FOUND, LABEL_NOT_FOUND, LABEL_ALREADY_RETRACTED, AUTH_ROLE_TOO_WEAK, LABEL_INVALID_SPAN.
 */
export async function retractLabel(
  deps: LabelDeps,
  actor: User,
  useCaseId: string,
  labelId: string,
  request: RetractLabelRequest,
): Promise<RetractLabelResponse> {
  const { store } = deps;
  await requireUseCase(store, useCaseId);
  const label = await store.labels.get(labelId);
  if (label === null || label.useCaseId !== useCaseId) throw labelNotFound(useCaseId, labelId);
  if (label.retracted) {
    throw new ShopfloorError('LABEL_ALREADY_RETRACTED', `Label ${labelId} was retracted at ${label.retractedAt}`, {
      labelId,
      retractedAt: label.retractedAt,
      replacedBy: label.replacedBy,
    });
  }
  if (label.author !== actor.id && !hasRole(actor, 'engineer')) {
    throw new ShopfloorError('AUTH_ROLE_TOO_WEAK', `User "${actor.name}" is ${actor.role}: operators may retract only labels they recorded; this needs engineer or higher`, {
      user: actor.name,
      role: actor.role,
      needed: 'engineer',
    });
  }
  const at = deps.clock.now().toISOString();
  let replacement: Label | null = null;
  if (request.replacement !== undefined) {
    checkSpans([request.replacement], () => 'replacement.end');
    const [stored] = await store.labels.insertMany([toRecord(actor, useCaseId, request.replacement, at)]);
    replacement = stored ?? null;
  }
  const done = await store.labels.retract(labelId, { at, by: actor.id, reason: request.reason, replacedBy: replacement?.id ?? null });
  // Someone else retracted it between our read and our write: refuse, and the caller's transaction drops the replacement.
  if (!done) throw new ShopfloorError('LABEL_ALREADY_RETRACTED', `Label ${labelId} was retracted meanwhile`, { labelId });
  const retracted = await store.labels.get(labelId);
  if (retracted === null) throw labelNotFound(useCaseId, labelId);
  return { retracted, replacement };
}
