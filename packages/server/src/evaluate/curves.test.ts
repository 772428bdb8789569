// ROC, precision-recall, calibration and histogram curves: hand-checked rows, the area matching rocAuc on scikit-learn cases, thinning, one-class inputs.
import { describe, expect, it } from 'vitest';
import { calibrationCurve, evenlySpaced, histogram, precisionRecallCurve, rocCurve } from './curves.js';
import { expectedCalibrationError } from './calibration.js';
import { rocAuc } from './ranking.js';
import { SKLEARN_BINARY_CASES } from './sklearn-cases.js';

function trapezoidArea(points: { falsePositiveRate: number; truePositiveRate: number }[]): number {
  let area = 0;
  for (let i = 1; i < points.length; i++) {
    const a = points[i - 1]!;
    const b = points[i]!;
    area += ((b.falsePositiveRate - a.falsePositiveRate) * (a.truePositiveRate + b.truePositiveRate)) / 2;
  }
  return area;
}

describe('ROC and precision-recall curves', () => {
  it('steps through every distinct score on hand-checked rows, ties moving together', () => {
    // scores 0.9 (event), 0.7 (healthy), 0.7 (event), 0.2 (healthy)
    const roc = rocCurve([1, 0, 1, 0], [0.9, 0.7, 0.7, 0.2], 100);
    expect(roc).toEqual([
      { threshold: null, falsePositiveRate: 0, truePositiveRate: 0 },
      { threshold: 0.9, falsePositiveRate: 0, truePositiveRate: 0.5 },
      { threshold: 0.7, falsePositiveRate: 0.5, truePositiveRate: 1 },
      { threshold: 0.2, falsePositiveRate: 1, truePositiveRate: 1 },
    ]);
    expect(precisionRecallCurve([1, 0, 1, 0], [0.9, 0.7, 0.7, 0.2], 100)).toEqual([
      { threshold: 0.9, recall: 0.5, precision: 1 },
      { threshold: 0.7, recall: 1, precision: 2 / 3 },
      { threshold: 0.2, recall: 1, precision: 0.5 },
    ]);
  });

  it.each(SKLEARN_BINARY_CASES)('encloses the same area as rocAuc on $name', (c) => {
    const roc = rocCurve(c.labels, c.scores, 100_000);
    if (roc === null) return;
    expect(trapezoidArea(roc)).toBeCloseTo(rocAuc(c.labels, c.scores), 12);
  });

  it('thins a long curve to the limit, keeping both ends', () => {
    const n = 5000;
    const labels = Array.from({ length: n }, (_, i) => (i % 7 === 0 ? 1 : 0));
    const scores = Array.from({ length: n }, (_, i) => ((i * 7919) % n) / n);
    const roc = rocCurve(labels, scores, 201)!;
    expect(roc).toHaveLength(201);
    expect(roc[0]).toMatchObject({ falsePositiveRate: 0, truePositiveRate: 0 });
    expect(roc[200]).toMatchObject({ falsePositiveRate: 1, truePositiveRate: 1 });
    const fprs = roc.map((p) => p.falsePositiveRate);
    expect([...fprs].sort((a, b) => a - b)).toEqual(fprs);
  });

  it('has no ROC with one class, and no PR without an event', () => {
    expect(rocCurve([0, 0], [0.1, 0.2], 10)).toBeNull();
    expect(precisionRecallCurve([0, 0], [0.1, 0.2], 10)).toBeNull();
    expect(precisionRecallCurve([1, 1], [0.1, 0.2], 10)).toEqual([
      { threshold: 0.2, recall: 0.5, precision: 1 },
      { threshold: 0.1, recall: 1, precision: 1 },
    ]);
  });

  it('names a bad score', () => {
    expect(() => rocCurve([1, 0], [0.5, NaN], 10)).toThrow(/scores: row 1 is NaN/);
  });
});

describe('calibration curve', () => {
  it('bins as the calibration error does, and the bins reproduce it', () => {
    const labels = [1, 0, 1, 1, 0, 0];
    const probabilities = [0.05, 0.15, 0.95, 0.85, 0.5, 0.55];
    const bins = calibrationCurve(labels, probabilities, 10);
    expect(bins).toHaveLength(10);
    expect(bins[0]).toEqual({ low: 0, high: 0.1, rows: 1, meanPredicted: 0.05, observedRate: 1 });
    expect(bins[2]).toMatchObject({ rows: 0, meanPredicted: null, observedRate: null });
    const ece = bins.reduce((sum, b) => sum + (b.rows === 0 ? 0 : (b.rows / labels.length) * Math.abs(b.observedRate! - b.meanPredicted!)), 0);
    expect(ece).toBeCloseTo(expectedCalibrationError(labels, probabilities), 14);
  });
});

describe('histogram and spacing', () => {
  it('counts equal-width bins with the max in the last one, skipping missing values', () => {
    expect(histogram([0, 1, 2, 3, 4, NaN], 2)).toEqual([
      { low: 0, high: 2, rows: 2 },
      { low: 2, high: 4, rows: 3 },
    ]);
    expect(histogram([NaN], 3)).toEqual([]);
    expect(histogram([5, 5], 2)).toEqual([
      { low: 5, high: 6, rows: 2 },
      { low: 6, high: 7, rows: 0 },
    ]);
  });
  it('spreads indices evenly with both ends', () => {
    expect(evenlySpaced(3, 10)).toEqual([0, 1, 2]);
    expect(evenlySpaced(11, 3)).toEqual([0, 5, 10]);
  });
});
