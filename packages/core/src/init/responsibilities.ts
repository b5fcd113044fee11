import { createStats } from '@gmm/kernel';
import type { CovarianceModule } from '../covariance/index.js';
import type { Matrix } from '../data.js';
import { estimateParameters, type MStepEstimate } from '../m-step.js';

/**
 * Initial responsibilities, visited without materialising the n×k matrix: `forEach` calls
 * visit(row, component, r) for every non-zero r_ij, and replays exactly the same values on every call.
 */
export interface Responsibilities {
  forEach(visit: (row: number, component: number, r: number) => void): void;
}

/** r_ij = 1 when labels[i] = j (sklearn's k-means initialisation). */
export function oneHotLabels(labels: Int32Array): Responsibilities {
  return { forEach: (visit) => labels.forEach((component, row) => visit(row, component, 1)) };
}

/** r_ij = 1 for row = rows[j] only (sklearn's k-means++ and random_from_data initialisations). */
export function oneHotRows(rows: Int32Array): Responsibilities {
  return { forEach: (visit) => rows.forEach((row, component) => visit(row, component, 1)) };
}

/**
 * Weights, means and covariances estimated from responsibilities with the EM M-step formulas (not yet
 * factorised). Two passes:
 * the first finds each component's mean, the second accumulates the statistics shifted by it, so the
 * covariances do not suffer from cancellation when the data sit far from the origin. With sample weights,
 * every r_ij counts as w_i · r_ij.
 */
export function estimateFromResponsibilities(
  X: Matrix,
  responsibilities: Responsibilities,
  module: CovarianceModule,
  k: number,
  regCovar: number,
  sampleWeight?: Float64Array,
): MStepEstimate {
  const { data, cols: d } = X;
  const weighted = (row: number, r: number): number => (sampleWeight ? sampleWeight[row]! * r : r);
  const stats = createStats(module.type, k, d);
  const sums = new Float64Array(k * d);
  responsibilities.forEach((row, j, unweighted) => {
    const r = weighted(row, unweighted);
    stats.N[j]! += r;
    for (let c = 0; c < d; c++) sums[j * d + c]! += r * data[row * d + c]!;
  });
  // The centre is sklearn's mean Σ r x / (N + 10ε), so the M-step's correction δ is (close to) zero.
  const centres = sums.map((sum, i) => sum / (stats.N[Math.floor(i / d)]! + 10 * 2.220446049250313e-16));
  const diff = new Float64Array(d);
  responsibilities.forEach((row, j, unweighted) => {
    const r = weighted(row, unweighted);
    for (let c = 0; c < d; c++) {
      diff[c] = data[row * d + c]! - centres[j * d + c]!;
      stats.S[j * d + c]! += r * diff[c]!;
    }
    module.addSecondMoment(stats.Q, j, diff, r, d);
  });
  return estimateParameters(module, stats, centres, k, d, regCovar);
}
