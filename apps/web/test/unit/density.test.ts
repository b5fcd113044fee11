import { describe, expect, it } from 'vitest';
import { marginal } from '../../src/view/components.js';
import { densityCurves, densityGrid, gaussian1d, gaussian2d } from '../../src/view/density.js';

const standard = { weight: 1, mean: [0, 0], covariance: [[1, 0], [0, 1]] };

describe('densities', () => {
  it('evaluates the standard normal', () => {
    expect(gaussian2d(standard, 0, 0)).toBeCloseTo(1 / (2 * Math.PI), 15);
    expect(gaussian1d(0, 1, 1)).toBeCloseTo(Math.exp(-0.5) / Math.sqrt(2 * Math.PI), 15);
  });

  it('uses the correlation of a full covariance', () => {
    const c = { weight: 1, mean: [1, 2], covariance: [[2, 1], [1, 2]] };
    // Direct: det 3, inverse [[2, -1], [-1, 2]] / 3; at (2, 3) the quadratic form is (2 - 2 + 2) / 3.
    expect(gaussian2d(c, 2, 3)).toBeCloseTo(Math.exp(-1 / 3) / (2 * Math.PI * Math.sqrt(3)), 15);
  });

  it('is zero for a singular covariance rather than NaN', () => {
    expect(gaussian2d({ weight: 1, mean: [0, 0], covariance: [[1, 1], [1, 1]] }, 0, 0)).toBe(0);
  });

  it('puts the grid top row at the largest y', () => {
    const c = { weight: 1, mean: [0, 5], covariance: [[1, 0], [0, 1]] };
    const grid = densityGrid([c], [-1, 1], [0, 5], 2, 2);
    expect(grid.values[0]!).toBeGreaterThan(grid.values[2]!);
    expect(grid.max).toBe(Math.max(...grid.values));
  });

  it('sums weighted components over the grid (integrates to about 1)', () => {
    const mix = [
      { ...standard, weight: 0.3 },
      { weight: 0.7, mean: [3, 0], covariance: [[0.5, 0.2], [0.2, 1]] },
    ];
    const n = 200;
    const grid = densityGrid(mix, [-8, 11], [-8, 8], n, n);
    const cell = (19 / n) * (16 / n);
    expect(grid.values.reduce((a, b) => a + b, 0) * cell).toBeCloseTo(1, 3);
  });

  it('gives 1-D curves whose sum is the mixture', () => {
    const mix = [
      { weight: 0.25, mean: [0], covariance: [[1]] },
      { weight: 0.75, mean: [4], covariance: [[2]] },
    ];
    const curves = densityCurves(mix, [-2, 6], 5);
    expect(curves.xs).toEqual([-2, 0, 2, 4, 6]);
    expect(curves.total[1]).toBeCloseTo(0.25 * gaussian1d(0, 1, 0) + 0.75 * gaussian1d(4, 2, 0), 15);
  });

  it('takes the marginal of the shown columns', () => {
    const c = { weight: 0.5, mean: [1, 2, 3], covariance: [[1, 0.1, 0.2], [0.1, 2, 0.3], [0.2, 0.3, 3]] };
    expect(marginal(c, [2, 0])).toEqual({ weight: 0.5, mean: [3, 1], covariance: [[3, 0.2], [0.2, 1]] });
  });
});
