import { uniformFloat64 } from 'pure-rand/distribution/uniformFloat64';
import { xoroshiro128plus } from 'pure-rand/generator/xoroshiro128plus';
import type { Dataset } from './dataset.js';

export type CovarianceShape = 'full' | 'diag' | 'spherical';

export interface SyntheticMixtureOptions {
  /** Number of components. */
  k: number;
  /** Number of features. */
  d: number;
  /** Number of points. */
  n: number;
  /** Means are drawn from N(0, separation²·I); each component's spread is around 1. Default 3. */
  separation?: number;
  /** Shape of the true covariances. Default 'full'. */
  shape?: CovarianceShape;
  /** Seed of the generator: the same seed gives the same data, everywhere. Default 0. */
  seed?: number;
}

export interface SyntheticMixture extends Dataset {
  readonly labels: Int32Array;
  readonly truth: { weights: number[]; means: number[][]; covariances: number[][][] };
}

function requireCount(name: string, value: number, min: number): void {
  if (!Number.isInteger(value) || value < min) {
    throw new RangeError(`syntheticMixture: ${name} must be an integer >= ${min}, got ${value}`);
  }
}

/** Standard normal draws by the Box–Muller transform, one spare kept for the next call. */
function normalSource(seed: number): { normal(): number; uniform(): number } {
  const rng = xoroshiro128plus(seed);
  let spare: number | undefined;
  const uniform = (): number => uniformFloat64(rng);
  return {
    uniform,
    normal() {
      if (spare !== undefined) {
        const value = spare;
        spare = undefined;
        return value;
      }
      const radius = Math.sqrt(-2 * Math.log(1 - uniform()));
      const angle = 2 * Math.PI * uniform();
      spare = radius * Math.sin(angle);
      return radius * Math.cos(angle);
    },
  };
}

/** A random lower-triangular factor A (Σ = A Aᵀ) of the requested shape, with scales in [0.5, 1.5). */
function randomFactor(d: number, shape: CovarianceShape, source: ReturnType<typeof normalSource>): number[][] {
  const common = 0.5 + source.uniform();
  return Array.from({ length: d }, (_, r) =>
    Array.from({ length: d }, (_, c) => {
      if (c > r) return 0;
      if (shape === 'spherical') return r === c ? common : 0;
      if (r === c) return 0.5 + source.uniform();
      return shape === 'full' ? 0.3 * source.normal() : 0;
    }),
  );
}

function outerProduct(A: number[][]): number[][] {
  const d = A.length;
  return Array.from({ length: d }, (_, r) =>
    Array.from({ length: d }, (_, c) => {
      let sum = 0;
      for (let m = 0; m < d; m++) sum += A[r]![m]! * A[c]![m]!;
      return sum;
    }),
  );
}

/**
 * Points from a random Gaussian mixture, with the mixture that generated them: the test and benchmark data
 * of any size. Deterministic for a given seed.
 */
export function syntheticMixture(options: SyntheticMixtureOptions): SyntheticMixture {
  const { k, d, n, separation = 3, shape = 'full', seed = 0 } = options;
  requireCount('k', k, 1);
  requireCount('d', d, 1);
  requireCount('n', n, 1);
  if (!(separation >= 0)) throw new RangeError(`syntheticMixture: separation must be >= 0, got ${separation}`);
  if (!['full', 'diag', 'spherical'].includes(shape)) {
    throw new RangeError(`syntheticMixture: shape must be full, diag or spherical, got ${String(shape)}`);
  }
  const source = normalSource(seed);
  const raw = Array.from({ length: k }, () => 1 + source.uniform());
  const total = raw.reduce((a, b) => a + b, 0);
  const weights = raw.map((w) => w / total);
  const means = Array.from({ length: k }, () => Array.from({ length: d }, () => separation * source.normal()));
  const factors = Array.from({ length: k }, () => randomFactor(d, shape, source));

  const cumulative = weights.map((_, j) => weights.slice(0, j + 1).reduce((a, b) => a + b, 0));
  const data = new Float64Array(n * d);
  const labels = new Int32Array(n);
  const z = new Float64Array(d);
  for (let i = 0; i < n; i++) {
    const u = source.uniform();
    let j = cumulative.findIndex((c) => u < c);
    if (j < 0) j = k - 1;
    labels[i] = j;
    for (let c = 0; c < d; c++) z[c] = source.normal();
    const A = factors[j]!;
    const mean = means[j]!;
    for (let r = 0; r < d; r++) {
      let value = mean[r]!;
      for (let c = 0; c <= r; c++) value += A[r]![c]! * z[c]!;
      data[i * d + r] = value;
    }
  }
  return {
    name: `synthetic-k${k}-d${d}-n${n}-${shape}-seed${seed}`,
    columns: Array.from({ length: d }, (_, c) => `x${c + 1}`),
    data,
    rows: n,
    cols: d,
    labels,
    labelNames: Array.from({ length: k }, (_, j) => `component ${j}`),
    truth: { weights, means, covariances: factors.map(outerProduct) },
  };
}
