// Id sources for hot tables: prefixed, unique across pool refills, and sorted by time as text.
import { describe, expect, it } from 'vitest';
import { createIdSource, newId } from './ids.js';

describe('createIdSource', () => {
  it('gives prefixed ids that stay unique across several refills of its random pool', () => {
    const next = createIdSource('pred', 4);
    const ids = Array.from({ length: 1000 }, () => next());
    expect(new Set(ids).size).toBe(1000);
    for (const id of ids) expect(id).toMatch(/^pred_[0-9a-z]{9}[A-Za-z0-9_-]{12}$/);
  });

  it('sorts ids by the time they were made, as text', () => {
    let ms = Date.parse('2024-05-01T06:00:00.000Z');
    const next = createIdSource('pred', 2, () => ms);
    const ids: string[] = [];
    for (const step of [1, 9, 90, 900, 86_400_000, 1]) {
      ms += step;
      ids.push(next());
    }
    expect([...ids].sort()).toEqual(ids);
  });

  it('does not share its pool with another source or with newId', () => {
    const a = createIdSource('pred', 1);
    const b = createIdSource('pred', 1);
    const fromA = Array.from({ length: 50 }, () => a().slice(-12));
    const fromB = Array.from({ length: 50 }, () => b().slice(-12));
    expect(new Set([...fromA, ...fromB]).size).toBe(100);
    expect(newId('usr')).toMatch(/^usr_[A-Za-z0-9_-]{16}$/);
  });
});
