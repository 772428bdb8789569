// The deployments form's rows become the request the server takes, or a message naming the wrong row.
import { describe, expect, it } from 'vitest';
import { parseVariantRows } from './deploy-form.js';

const row = { model: 'mv_2', mode: 'shadow' as const, sharePercent: '', stepsPercent: '' };

describe('parseVariantRows', () => {
  it('turns percentages into shares and steps', () => {
    expect(
      parseVariantRows([
        row,
        { ...row, mode: 'split', sharePercent: '12,5' },
        { ...row, model: 'mv_3', mode: 'canary', stepsPercent: '5, 25 50,100' },
      ]),
    ).toEqual({
      ok: true,
      variants: [
        { model: 'mv_2', mode: 'shadow' },
        { model: 'mv_2', mode: 'split', share: 0.125 },
        { model: 'mv_3', mode: 'canary', canary: { steps: [0.05, 0.25, 0.5, 1] } },
      ],
    });
  });

  it('names the row with a bad share, falling steps or no version', () => {
    expect(parseVariantRows([row, { ...row, mode: 'split', sharePercent: '150' }])).toMatchObject({ ok: false, message: expect.stringMatching(/^Variant 2: the share/) });
    expect(parseVariantRows([{ ...row, mode: 'split', sharePercent: '' }])).toMatchObject({ ok: false, message: expect.stringMatching(/^Variant 1: the share/) });
    expect(parseVariantRows([{ ...row, mode: 'canary', stepsPercent: '50, 25' }])).toMatchObject({ ok: false, message: expect.stringMatching(/must rise/) });
    expect(parseVariantRows([{ ...row, model: '' }])).toMatchObject({ ok: false, message: 'Variant 1: choose a version.' });
  });

  it('sends no variants for an empty form (the champion answers alone)', () => {
    expect(parseVariantRows([])).toEqual({ ok: true, variants: [] });
  });
});
