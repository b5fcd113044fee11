/**
 * Filling the NaN entries of a data matrix from the mixture: each row's missing coordinates get their
 * conditional mean E[x_r | x_o] = Σ_j w'_j μ'_j, or a draw from p(x_r | x_o). Observed entries are copied.
 */
import type { Matrix } from '../data.js';
import type { ModelState } from '../model-state.js';
import { Random } from '../random.js';
import { optionsObject, oneOf, seedValue } from '../validate.js';
import { addLowerProduct } from '../covariance/triangular.js';
import { MixtureConditioner } from './conditioner.js';
import { remainingDims } from './dims.js';

export const IMPUTE_METHODS = ['mean', 'sample'] as const;
export type ImputeMethod = (typeof IMPUTE_METHODS)[number];

export interface ImputeOptions {
  /** 'mean' (default): the conditional mean; 'sample': a draw from the conditional mixture. */
  method?: ImputeMethod;
  /** Seed of the draws of method 'sample' (default 0). */
  seed?: number;
}

export function imputeOptions(options: unknown): Required<ImputeOptions> {
  const { method = 'mean', seed = 0 } = optionsObject('options', options, ['method', 'seed']);
  return { method: oneOf('method', method, IMPUTE_METHODS), seed: seedValue('seed', seed) };
}

interface Pattern {
  readonly missing: number[];
  readonly rows: number[];
}

/** The rows that miss something, grouped by which dimensions they miss, in order of first appearance. */
function rowsByPattern({ data, rows, cols }: Matrix): Pattern[] {
  const patterns = new Map<string, Pattern>();
  for (let i = 0; i < rows; i++) {
    const missing: number[] = [];
    for (let c = 0; c < cols; c++) if (Number.isNaN(data[i * cols + c]!)) missing.push(c);
    if (missing.length === 0) continue;
    const key = missing.join(',');
    const pattern = patterns.get(key) ?? { missing, rows: [] };
    pattern.rows.push(i);
    patterns.set(key, pattern);
  }
  return [...patterns.values()];
}

/** A component drawn with probabilities `weights` (summing to 1). */
function drawComponent(weights: Float64Array, rng: Random): number {
  let u = rng.uniform();
  for (let j = 0; j < weights.length - 1; j++) {
    if (u < weights[j]!) return j;
    u -= weights[j]!;
  }
  return weights.length - 1;
}

/** X (validated, NaN for missing, d columns) with its NaNs filled. */
export function imputeMissing(state: ModelState, X: Matrix, { method, seed }: Required<ImputeOptions>): Matrix {
  const { nComponents: k, nFeatures: d } = state;
  const out = X.data.slice();
  const rng = Random.fromSeed(seed);
  for (const { missing, rows } of rowsByPattern(X)) {
    // A row with nothing observed conditions on no dimension: the unconditional mixture.
    const conditioner = new MixtureConditioner(state, remainingDims(missing, d));
    const { observed } = conditioner;
    const mr = missing.length;
    const values = new Float64Array(observed.length);
    const weights = new Float64Array(k);
    const means = new Float64Array(k * mr);
    const z = new Float64Array(mr);
    const draw = new Float64Array(mr);
    for (const row of rows) {
      observed.forEach((dim, i) => (values[i] = X.data[row * d + dim]!));
      conditioner.condition(values, 0, weights, means);
      if (method === 'mean') {
        missing.forEach((dim, i) => {
          let sum = 0;
          for (let j = 0; j < k; j++) sum += weights[j]! * means[j * mr + i]!;
          out[row * d + dim] = sum;
        });
      } else {
        const j = drawComponent(weights, rng);
        for (let i = 0; i < mr; i++) z[i] = rng.normal();
        draw.set(means.subarray(j * mr, (j + 1) * mr));
        addLowerProduct(conditioner.covarianceFactor(j), 0, mr, z, draw);
        missing.forEach((dim, i) => (out[row * d + dim] = draw[i]!));
      }
    }
  }
  return { data: out, rows: X.rows, cols: d };
}
