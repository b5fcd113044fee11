/** The "predict y from x" view's numbers: grid positions, the ±2σ band, and a 1-D mixture density p(y | x). */
import { gaussian1d } from './density.js';

/** A 1-D Gaussian mixture, as core's condition() gives it for one remaining dimension. */
export interface Mixture1d {
  weights: readonly number[];
  means: readonly number[];
  variances: readonly number[];
}

/** `samples` evenly spaced points from lo to hi, both included. */
export function gridPoints([lo, hi]: readonly [number, number], samples: number): Float64Array {
  const points = new Float64Array(samples);
  for (let i = 0; i < samples; i++) points[i] = samples === 1 ? lo : lo + (i / (samples - 1)) * (hi - lo);
  return points;
}

/** The mixture's density at y. */
export function mixtureDensity1d(mixture: Mixture1d, y: number): number {
  let p = 0;
  mixture.weights.forEach((w, j) => (p += w * gaussian1d(mixture.means[j]!, mixture.variances[j]!, y)));
  return p;
}

export interface DensityProfile {
  ys: Float64Array;
  density: Float64Array;
  max: number;
}

/** The mixture's density at `samples` points across the y domain, and its largest value (for scaling the drawing). */
export function densityProfile(mixture: Mixture1d, domain: readonly [number, number], samples = 160): DensityProfile {
  const ys = gridPoints(domain, samples);
  const density = ys.map((y) => mixtureDensity1d(mixture, y));
  return { ys, density, max: density.reduce((a, b) => Math.max(a, b), 0) };
}

/** mean ± 2σ for every point of a regression curve, σ² being its conditional variance. */
export function twoSigmaBand(mean: Float64Array, variance: Float64Array): { lower: Float64Array; upper: Float64Array } {
  const spread = variance.map((v) => 2 * Math.sqrt(Math.max(0, v)));
  return { lower: mean.map((m, i) => m - spread[i]!), upper: mean.map((m, i) => m + spread[i]!) };
}
