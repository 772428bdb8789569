// Reading labels back: a filtered page for the API, and every standing label of a use case for training and evaluation.
import type { Label, LabelList, ListLabelsQuery } from '@shopfloor/contracts';
import type { Repositories } from '../store/index.js';
import { requireUseCase } from './use-case-check.js';

/** One page of a use case's labels, ordered by start then id. USE_CASE_NOT_FOUND. */
export async function listLabels(store: Repositories, useCaseId: string, query: ListLabelsQuery): Promise<LabelList> {
  await requireUseCase(store, useCaseId);
  // One row more than asked tells whether another page follows.
  const rows = await store.labels.list({ ...query, useCaseId, limit: query.limit + 1 });
  const more = rows.length > query.limit;
  return { labels: more ? rows.slice(0, query.limit) : rows, nextOffset: more ? query.offset + query.limit : null };
}

/** Every standing (not retracted) label of the use case, optionally of some classes only: what targets are built from. */
export async function loadStandingLabels(store: Repositories, useCaseId: string, classes?: readonly string[]): Promise<Label[]> {
  const labels = await store.labels.list({ useCaseId });
  return classes === undefined ? labels : labels.filter((l) => classes.includes(l.class));
}
