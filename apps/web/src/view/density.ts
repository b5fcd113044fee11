/** Mixture densities evaluated for the plots: a coarse 2-D grid for the shading, 1-D curves for histograms. */
import type { ViewComponent } from './components.js';

const TWO_PI = 2 * Math.PI;

/** Density of a 2-D Gaussian at (x, y) by the closed-form 2×2 inverse. */
export function gaussian2d(component: ViewComponent, x: number, y: number): number {
  const [[a, b], [, c]] = component.covariance as [[number, number], [number, number]];
  const det = a * c - b * b;
  if (!(det > 0)) return 0;
  const dx = x - component.mean[0]!;
  const dy = y - component.mean[1]!;
  const q = (c * dx * dx - 2 * b * dx * dy + a * dy * dy) / det;
  return Math.exp(-0.5 * q) / (TWO_PI * Math.sqrt(det));
}

export function gaussian1d(mean: number, variance: number, x: number): number {
  if (!(variance > 0)) return 0;
  const z = x - mean;
  return Math.exp((-0.5 * z * z) / variance) / Math.sqrt(TWO_PI * variance);
}

export interface DensityGrid {
  nx: number;
  ny: number;
  /** ny rows of nx cells, row 0 at the TOP (largest y), so rows map straight onto image rows. */
  values: Float64Array;
  max: number;
}

/** The mixture density at the centre of every cell of an nx × ny grid over the given domains. */
export function densityGrid(
  components: readonly ViewComponent[],
  [x0, x1]: readonly [number, number],
  [y0, y1]: readonly [number, number],
  nx: number,
  ny: number,
): DensityGrid {
  const values = new Float64Array(nx * ny);
  let max = 0;
  for (let row = 0; row < ny; row++) {
    const y = y1 - ((row + 0.5) / ny) * (y1 - y0);
    for (let col = 0; col < nx; col++) {
      const x = x0 + ((col + 0.5) / nx) * (x1 - x0);
      let p = 0;
      for (const component of components) p += component.weight * gaussian2d(component, x, y);
      values[row * nx + col] = p;
      max = Math.max(max, p);
    }
  }
  return { nx, ny, values, max };
}

export interface DensityCurves {
  xs: number[];
  /** Weighted density of each component at xs. */
  components: number[][];
  /** Their sum: the mixture density. */
  total: number[];
}

/** Weighted 1-D component densities and their sum at `samples` points across the domain. */
export function densityCurves(
  components: readonly ViewComponent[],
  [x0, x1]: readonly [number, number],
  samples = 200,
): DensityCurves {
  const xs = Array.from({ length: samples }, (_, i) => x0 + (i / (samples - 1)) * (x1 - x0));
  const curves = components.map((c) => xs.map((x) => c.weight * gaussian1d(c.mean[0]!, c.covariance[0]![0]!, x)));
  const total = xs.map((_, i) => curves.reduce((sum, curve) => sum + curve[i]!, 0));
  return { xs, components: curves, total };
}
