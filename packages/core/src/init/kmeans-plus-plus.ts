import type { Matrix } from '../data.js';
import type { Random } from '../random.js';

/** ‖X[row] − point‖² with the point at `offset` in `points`. */
export function squaredDistance(data: Float64Array, row: number, points: Float64Array, offset: number, d: number): number {
  let sum = 0;
  for (let c = 0; c < d; c++) {
    const diff = data[row * d + c]! - points[offset + c]!;
    sum += diff * diff;
  }
  return sum;
}

/** First index i with cumulative[i] ≥ target (numpy searchsorted, side 'left'). */
function searchLeft(cumulative: Float64Array, target: number): number {
  let low = 0;
  let high = cumulative.length;
  while (low < high) {
    const middle = (low + high) >>> 1;
    if (cumulative[middle]! < target) low = middle + 1;
    else high = middle;
  }
  return low;
}

/**
 * Greedy k-means++ seeding as sklearn's `kmeans_plusplus`: the first seed is a uniform row; each next seed
 * is the best of 2 + ⌊ln k⌋ rows drawn with probability ∝ D(x)², "best" meaning the smallest total
 * squared distance to the seeds once it is added. Returns the k seed rows. With sample weights w (as
 * sklearn's sample_weight) the first seed is drawn ∝ w, the next ∝ w·D², and distances are summed weighted;
 * a weight of 1 is exact, so the unweighted seeding is unchanged.
 */
export function kmeansPlusPlus(X: Matrix, k: number, rng: Random, weights?: Float64Array): Int32Array {
  const { data, rows: n, cols: d } = X;
  const trials = 2 + Math.floor(Math.log(k));
  const weight = (i: number): number => (weights ? weights[i]! : 1);
  const seeds = new Int32Array(k);
  const cumulative = new Float64Array(n);
  if (weights) {
    let running = 0;
    for (let i = 0; i < n; i++) cumulative[i] = running += weights[i]!;
    seeds[0] = Math.min(searchLeft(cumulative, rng.uniform() * running), n - 1);
  } else {
    seeds[0] = rng.integer(0, n - 1);
  }
  let closest = new Float64Array(n);
  let potential = 0;
  for (let i = 0; i < n; i++) {
    closest[i] = squaredDistance(data, i, data, seeds[0] * d, d);
    potential += weight(i) * closest[i]!;
  }
  let candidate = new Float64Array(n);
  let best = new Float64Array(n);
  for (let s = 1; s < k; s++) {
    let running = 0;
    for (let i = 0; i < n; i++) cumulative[i] = running += weight(i) * closest[i]!;
    let bestPotential = Infinity;
    for (let t = 0; t < trials; t++) {
      const row = Math.min(searchLeft(cumulative, rng.uniform() * potential), n - 1);
      let candidatePotential = 0;
      for (let i = 0; i < n; i++) {
        candidate[i] = Math.min(closest[i]!, squaredDistance(data, i, data, row * d, d));
        candidatePotential += weight(i) * candidate[i]!;
      }
      if (candidatePotential < bestPotential) {
        bestPotential = candidatePotential;
        seeds[s] = row;
        [best, candidate] = [candidate, best];
      }
    }
    [closest, best] = [best, closest];
    potential = bestPotential;
  }
  return seeds;
}
