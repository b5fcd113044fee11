/** Per-row sample weights: validation, and the total weight that replaces the number of rows. */
import { describe, ValidationError } from './errors.js';

/**
 * `sampleWeight` as a Float64Array of n finite values >= 0, not all zero. `parameter` names the option in
 * errors (a bad entry is named by its row).
 */
export function resolveSampleWeight(value: unknown, n: number, parameter = 'sampleWeight'): Float64Array {
  const isArray = Array.isArray(value) || value instanceof Float64Array;
  if (!isArray || value.length !== n) {
    throw new ValidationError(parameter, `an array of ${n} weights (one per row of X)`, describe(value));
  }
  const weights = new Float64Array(n);
  let total = 0;
  for (let row = 0; row < n; row++) {
    const w: unknown = value[row];
    if (typeof w !== 'number' || !Number.isFinite(w) || w < 0) {
      throw new ValidationError(parameter, 'finite weights >= 0', `${describe(w)} at row ${row}`);
    }
    weights[row] = w;
    total += w;
  }
  if (total === 0) throw new ValidationError(parameter, 'at least one weight > 0', 'only zero weights');
  return weights;
}

/** Σ w, or the number of rows without weights. */
export function totalWeight(weights: Float64Array | undefined, rows: number): number {
  return weights ? weights.reduce((a, b) => a + b, 0) : rows;
}
