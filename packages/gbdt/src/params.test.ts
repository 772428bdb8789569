import { describe, expect, it } from 'vitest';
import { defaultParams, OBJECTIVES, paramSchema, resolveParams } from './params.js';

describe('parameter schema', () => {
  it('documents every parameter in one line and its defaults validate for every objective', () => {
    for (const [name, spec] of Object.entries(paramSchema)) {
      expect(spec.doc.length, name).toBeGreaterThan(10);
      expect(spec.doc.includes('\n'), name).toBe(false);
    }
    for (const objective of OBJECTIVES) expect(resolveParams({ objective })).toEqual(defaultParams(objective));
  });

  it('fills defaults and treats an explicit undefined as unset', () => {
    const p = resolveParams({ objective: 'binary', maxDepth: 6, maxLeafNodes: undefined });
    expect(p.maxDepth).toBe(6);
    expect(p.maxLeafNodes).toBeUndefined();
    expect(p.learningRate).toBe(paramSchema.learningRate.default);
    expect(resolveParams({ objective: 'binary' }).maxLeafNodes).toBe(31);
  });
});
