import { describe, expect, it } from 'vitest';
import { binCount, histogram } from '../../src/view/histogram.js';

describe('histogram', () => {
  it('counts every value once, the maximum in the last bin', () => {
    const h = histogram([0, 1, 2, 3, 4], 4);
    expect(h.edges).toEqual([0, 1, 2, 3, 4]);
    expect(h.counts).toEqual([1, 1, 1, 2]);
  });

  it('scales counts to a density that integrates to 1', () => {
    const values = Array.from({ length: 100 }, (_, i) => Math.sin(i) * 3);
    const h = histogram(values);
    const area = h.densities.reduce((sum, d, b) => sum + d * (h.edges[b + 1]! - h.edges[b]!), 0);
    expect(area).toBeCloseTo(1, 12);
  });

  it('gives a repeated value a unit-wide bin', () => {
    const h = histogram([2, 2, 2]);
    expect(h.edges[0]).toBe(1.5);
    expect(h.edges.at(-1)).toBe(2.5);
    expect(h.counts.reduce((a, b) => a + b, 0)).toBe(3);
  });

  it('chooses the Freedman–Diaconis bin count, between 5 and 80', () => {
    // range 99999 / (2 · IQR 50000 · 100000^(-1/3)) = 46.4
    expect(binCount(Array.from({ length: 100_000 }, (_, i) => i))).toBe(47);
    expect(binCount(Array.from({ length: 10 }, (_, i) => i))).toBe(5);
    expect(binCount([...Array.from({ length: 1000 }, (_, i) => i), 1e6])).toBe(80);
  });

  it('rejects no values', () => {
    expect(() => histogram([])).toThrow('no values');
  });
});
