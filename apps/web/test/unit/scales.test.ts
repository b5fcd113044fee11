import { describe, expect, it } from 'vitest';
import { niceDomain, paddedExtent, plotScales } from '../../src/view/scales.js';

describe('axis scales', () => {
  const data = Float64Array.of(0, 10, 4, 30, 2, 20);

  it('pads the extent of a column', () => {
    expect(paddedExtent(data, 3, 2, 0)).toEqual([-0.2, 4.2]);
    expect(paddedExtent(data, 3, 2, 1, 0)).toEqual([10, 30]);
  });

  it('skips missing (NaN) values, and falls back to [0, 1] when a column has none', () => {
    expect(paddedExtent(Float64Array.of(0, NaN, NaN, 30, 2, 20), 3, 2, 0, 0)).toEqual([0, 2]);
    expect(paddedExtent(Float64Array.of(NaN, 1, NaN, 2), 2, 2, 0)).toEqual([0, 1]);
  });

  it('widens a constant column around its value', () => {
    expect(paddedExtent(Float64Array.of(3, 3), 2, 1, 0)).toEqual([2.5, 3.5]);
  });

  it('maps data to pixels inside the margins, y upwards, on round domains', () => {
    const area = { width: 300, height: 200, margin: { top: 10, right: 10, bottom: 20, left: 40 } };
    const { x, y } = plotScales([0.3, 9.7], [10, 30], area);
    expect(x.domain()).toEqual([0, 10]);
    expect(x(0)).toBe(40);
    expect(x(10)).toBe(290);
    expect(y(10)).toBe(180);
    expect(y(30)).toBe(10);
  });

  it('gives the same round domain as the plot axis', () => {
    const area = { width: 300, height: 200, margin: { top: 10, right: 10, bottom: 20, left: 40 } };
    expect(niceDomain([1.4, 5.3])).toEqual(plotScales([1.4, 5.3], [0, 1], area).x.domain());
    expect(niceDomain([1.4, 5.3])).toEqual([1, 5.5]);
  });
});
