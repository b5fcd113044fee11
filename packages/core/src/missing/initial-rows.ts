/** The rows an initialisation method (k-means, ...) runs on when some values are missing. */
import type { Matrix } from '../data.js';

export interface InitialRows {
  readonly matrix: Matrix;
  readonly sampleWeight: Float64Array | undefined;
}

/** Whether `complete` holds at least k distinct rows of positive weight. */
function hasDistinctRows(complete: Matrix, weights: Float64Array | undefined, k: number): boolean {
  const seen = new Set<string>();
  const d = complete.cols;
  for (let row = 0; row < complete.rows && seen.size < k; row++) {
    if (weights?.[row] === 0) continue;
    seen.add(Array.from(complete.data.subarray(row * d, (row + 1) * d)).join(','));
  }
  return seen.size >= k;
}

/** X with every NaN replaced by its column's (weighted) mean over the observed values. */
function meanImputed(X: Matrix, weights: Float64Array | undefined): Matrix {
  const { data, rows, cols: d } = X;
  const sums = new Float64Array(d);
  const totals = new Float64Array(d);
  for (let row = 0; row < rows; row++) {
    const w = weights ? weights[row]! : 1;
    for (let c = 0; c < d; c++) {
      const value = data[row * d + c]!;
      if (Number.isNaN(value)) continue;
      sums[c]! += w * value;
      totals[c]! += w;
    }
  }
  // A column observed only in rows of weight 0 has no weighted mean: 0 stands in (EM re-estimates it).
  const means = sums.map((sum, c) => (totals[c]! > 0 ? sum / totals[c]! : 0));
  return { data: data.map((value, i) => (Number.isNaN(value) ? means[i % d]! : value)), rows, cols: d };
}

/**
 * The complete rows when at least k of them are distinct (they are a sample of the data without any
 * invented value); otherwise every row with its missing values replaced by the column means, so that the
 * method still has k distinct points to start from.
 */
export function initialRows(
  X: Matrix,
  complete: Matrix,
  completeWeight: Float64Array | undefined,
  sampleWeight: Float64Array | undefined,
  k: number,
): InitialRows {
  if (complete.rows === X.rows || hasDistinctRows(complete, completeWeight, k)) return { matrix: complete, sampleWeight: completeWeight };
  return { matrix: meanImputed(X, sampleWeight), sampleWeight };
}
