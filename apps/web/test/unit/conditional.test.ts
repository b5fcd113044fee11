import { describe, expect, it } from 'vitest';
import { densityProfile, gridPoints, mixtureDensity1d, twoSigmaBand } from '../../src/view/conditional.js';

describe('the predict-y-from-x view', () => {
  it('spaces grid points evenly, ends included', () => {
    expect(Array.from(gridPoints([1, 3], 5))).toEqual([1, 1.5, 2, 2.5, 3]);
    expect(Array.from(gridPoints([2, 4], 1))).toEqual([2]);
  });

  it('evaluates a 1-D mixture density as the weighted sum of normal densities', () => {
    const mixture = { weights: [0.25, 0.75], means: [0, 4], variances: [1, 4] };
    // Direct: 0.25 N(1; 0, 1) + 0.75 N(1; 4, 4) = 0.25 e^{-1/2}/√(2π) + 0.75 e^{-9/8}/√(8π).
    const expected = (0.25 * Math.exp(-0.5)) / Math.sqrt(2 * Math.PI) + (0.75 * Math.exp(-9 / 8)) / Math.sqrt(8 * Math.PI);
    expect(mixtureDensity1d(mixture, 1)).toBeCloseTo(expected, 15);
  });

  it('gives a profile that integrates to about 1 and reports its peak', () => {
    const mixture = { weights: [0.4, 0.6], means: [50, 80], variances: [36, 30] };
    const profile = densityProfile(mixture, [0, 130], 2001);
    const step = 130 / 2000;
    expect(profile.density.reduce((a, b) => a + b, 0) * step).toBeCloseTo(1, 6);
    expect(profile.max).toBe(Math.max(...profile.density));
    // The peak is near the heavier component's mean, not between the two.
    expect(Math.abs(profile.ys[profile.density.indexOf(profile.max)]! - 80)).toBeLessThan(1);
  });

  it('puts the band two standard deviations either side of the mean', () => {
    const band = twoSigmaBand(Float64Array.of(10, 20), Float64Array.of(4, 0.25));
    expect(Array.from(band.lower)).toEqual([6, 19]);
    expect(Array.from(band.upper)).toEqual([14, 21]);
  });
});
