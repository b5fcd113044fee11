import { COVARIANCE_MODULES } from './covariance/index.js';
import type { ModelState } from './model-state.js';
import { Random } from './random.js';

export interface Sample {
  X: { data: Float64Array; rows: number; cols: number };
  labels: Int32Array;
}

/** How many of n draws fall in each component: a multinomial draw, one categorical choice per point. */
function componentCounts(n: number, weights: Float64Array, rng: Random): Int32Array {
  const cumulative = new Float64Array(weights.length);
  let total = 0;
  weights.forEach((w, j) => (cumulative[j] = total += w));
  const counts = new Int32Array(weights.length);
  for (let i = 0; i < n; i++) {
    const u = rng.uniform() * total;
    let j = 0;
    while (j < weights.length - 1 && u >= cumulative[j]!) j++;
    counts[j]! += 1;
  }
  return counts;
}

/**
 * n points from the mixture, as sklearn's `sample`: the counts per component first, then for each
 * component in order its points μ_j + L_j z (L_j L_jᵀ = Σ_j, z standard normal), so labels come grouped.
 */
export function sampleMixture(state: ModelState, n: number, seed: number): Sample {
  const { covarianceType, nComponents: k, nFeatures: d, params } = state;
  const rng = Random.fromSeed(seed);
  const counts = componentCounts(n, params.weights, rng);
  const addNoise = COVARIANCE_MODULES[covarianceType].sampler(params.covariances, k, d);
  const data = new Float64Array(n * d);
  const labels = new Int32Array(n);
  const z = new Float64Array(d);
  const point = new Float64Array(d);
  let row = 0;
  for (let j = 0; j < k; j++) {
    for (let t = 0; t < counts[j]!; t++, row++) {
      for (let c = 0; c < d; c++) z[c] = rng.normal();
      point.set(params.means.subarray(j * d, j * d + d));
      addNoise(j, z, point);
      data.set(point, row * d);
      labels[row] = j;
    }
  }
  return { X: { data, rows: n, cols: d }, labels };
}
