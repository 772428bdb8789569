// The validation part carved out of the training rows, where the cost-optimal decision rule is chosen.
import type { SplitSpec } from '@shopfloor/contracts';
import type { TypedColumn, TypedTable } from '../ingest/index.js';
import { stableHash } from './split.js';
import { classTextOf } from './target.js';

export const VALIDATION_FRACTION = 0.2;

/*
 * Deterministic and in the spirit of the use case's split, so the rule is tuned on rows that look
 * like the test rows do to the model:
 *   time          the latest 20% of the training rows by time
 *   entity, key   rows whose entity / key hashes (salted, so independent of the test rule) under 0.2
 * When that leaves either side empty (one entity, one time), rows are hashed by position instead.
 */
export function validationMask(table: TypedTable, split: SplitSpec, train: Uint8Array, fraction = VALIDATION_FRACTION): Uint8Array {
  const column = table.columns.find((c) => c.name === split.column);
  let mask = column === undefined ? null : split.kind === 'time' ? latestRows(column, train, fraction) : hashedGroups(column, train, fraction);
  if (mask === null || !bothSidesNonEmpty(mask, train)) mask = hashedPositions(train, fraction);
  return mask;
}

function bothSidesNonEmpty(validation: Uint8Array, train: Uint8Array): boolean {
  let inside = 0;
  let outside = 0;
  for (let r = 0; r < train.length; r++) {
    if (train[r] !== 1) continue;
    if (validation[r] === 1) inside++;
    else outside++;
  }
  return inside > 0 && outside > 0;
}

/** Training rows at or after the time below which (1 - fraction) of the training rows lie. */
function latestRows(column: TypedColumn, train: Uint8Array, fraction: number): Uint8Array | null {
  if (column.kind !== 'timestamp' && column.kind !== 'numeric') return null;
  const times: number[] = [];
  for (let r = 0; r < train.length; r++) if (train[r] === 1 && !Number.isNaN(column.values[r]!)) times.push(column.values[r]!);
  if (times.length < 2) return null;
  times.sort((a, b) => a - b);
  const cut = times[Math.min(times.length - 1, Math.floor((1 - fraction) * times.length))]!;
  const mask = new Uint8Array(train.length);
  for (let r = 0; r < train.length; r++) mask[r] = train[r] === 1 && column.values[r]! >= cut ? 1 : 0;
  return mask;
}

const SALT = 'shopfloor-validation\u001f';

function hashedGroups(column: TypedColumn, train: Uint8Array, fraction: number): Uint8Array {
  const textOf = column.kind === 'timestamp' ? (r: number) => String(column.values[r]) : classTextOf(column);
  const limit = fraction * 2 ** 32;
  const memo = new Map<string, boolean>();
  const mask = new Uint8Array(train.length);
  for (let r = 0; r < train.length; r++) {
    if (train[r] !== 1) continue;
    const text = textOf(r) ?? '';
    let inside = memo.get(text);
    if (inside === undefined) {
      inside = stableHash(SALT + text) < limit;
      memo.set(text, inside);
    }
    mask[r] = inside ? 1 : 0;
  }
  return mask;
}

function hashedPositions(train: Uint8Array, fraction: number): Uint8Array {
  const limit = fraction * 2 ** 32;
  const mask = new Uint8Array(train.length);
  for (let r = 0; r < train.length; r++) mask[r] = train[r] === 1 && stableHash(`${SALT}row ${r}`) < limit ? 1 : 0;
  return mask;
}
