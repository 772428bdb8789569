// Assignment by entity: sticky, within share, and widening a canary keeps the entities it had.
import { describe, expect, it } from 'vitest';
import { armAt, assign, entityBucket, hash32 } from './assign.js';

const entities = Array.from({ length: 10_000 }, (_, i) => `press-${i}`);

describe('assign', () => {
  it('gives the same entity the same version every time', () => {
    const arms = [{ key: 'mv_b', share: 0.3 }];
    for (const e of entities.slice(0, 200)) {
      const first = assign(e, arms, 'mill');
      for (let k = 0; k < 5; k++) expect(assign(e, arms, 'mill')).toBe(first);
    }
  });

  it('keeps 10,000 entities within 18-22% for a 20% split, and each arm near its share', () => {
    const count = (arms: { key: string; share: number }[]) => {
      const n = new Map<string | null, number>();
      for (const e of entities) {
        const k = assign(e, arms, 'mill-failure');
        n.set(k, (n.get(k) ?? 0) + 1);
      }
      return n;
    };
    const one = count([{ key: 'b', share: 0.2 }]);
    expect(one.get('b')! / entities.length).toBeGreaterThanOrEqual(0.18);
    expect(one.get('b')! / entities.length).toBeLessThanOrEqual(0.22);
    const three = count([{ key: 'b', share: 0.1 }, { key: 'c', share: 0.3 }]);
    expect(three.get('b')! / 1e4).toBeGreaterThan(0.085);
    expect(three.get('b')! / 1e4).toBeLessThan(0.115);
    expect(three.get('c')! / 1e4).toBeGreaterThan(0.28);
    expect(three.get('c')! / 1e4).toBeLessThan(0.32);
    expect(three.get(null)! / 1e4).toBeGreaterThan(0.57);
  });

  it('keeps every entity a canary had when its share grows', () => {
    const at5 = entities.filter((e) => assign(e, [{ key: 'c', share: 0.05 }], 'uc') === 'c');
    const at25 = new Set(entities.filter((e) => assign(e, [{ key: 'c', share: 0.25 }], 'uc') === 'c'));
    expect(at5.length).toBeGreaterThan(0);
    for (const e of at5) expect(at25.has(e)).toBe(true);
  });

  it('hashes per use case: the same machine may land elsewhere in another use case', () => {
    const moved = entities.slice(0, 1000).filter((e) => Math.abs(entityBucket('a', e) - entityBucket('b', e)) > 0.01);
    expect(moved.length).toBeGreaterThan(900);
    expect(hash32('')).toBe(hash32(''));
    expect(hash32('press-1')).not.toBe(hash32('press-2'));
  });

  it('splits requests without an entity by a fresh random draw each time', () => {
    const draws = [0.01, 0.5, 0.19, 0.2];
    let i = 0;
    const random = () => draws[i++]!;
    expect(draws.map(() => assign(null, [{ key: 'b', share: 0.2 }], 'uc', random))).toEqual(['b', null, 'b', null]);
    expect(armAt(0.999, [{ key: 'b', share: 1 }])).toBe('b');
    expect(assign('x', [], 'uc')).toBeNull();
  });
});
