/** Validation of dimension lists (0-based feature indices) and of the values observed on them. */
import { describe, ValidationError } from '../errors.js';

/**
 * Distinct integer dimensions in [0, d), in the order given. With `leaveOne`, at least one dimension must
 * remain outside the list (conditioning and regression need something left to predict).
 */
export function dimensionList(parameter: string, value: unknown, d: number, leaveOne: boolean): number[] {
  const expected = `a non-empty array of distinct integers between 0 and ${d - 1}`;
  if (!Array.isArray(value)) throw new ValidationError(parameter, expected, describe(value));
  if (value.length === 0) throw new ValidationError(parameter, expected, 'an empty array');
  const seen = new Set<number>();
  value.forEach((dim: unknown, i) => {
    if (typeof dim !== 'number' || !Number.isInteger(dim) || dim < 0 || dim >= d) {
      throw new ValidationError(`${parameter}[${i}]`, `an integer between 0 and ${d - 1} (the model has ${d} features)`, describe(dim));
    }
    if (seen.has(dim)) throw new ValidationError(parameter, 'distinct dimensions', `dimension ${dim} twice`);
    seen.add(dim);
  });
  if (leaveOne && value.length === d) {
    throw new ValidationError(parameter, `at most ${d - 1} of the ${d} dimensions (one at least must remain)`, `all ${d}`);
  }
  return [...(value as number[])];
}

/** The dimensions of [0, d) not in `dims`, in increasing order. */
export function remainingDims(dims: readonly number[], d: number): number[] {
  const taken = new Set(dims);
  return Array.from({ length: d }, (_, i) => i).filter((i) => !taken.has(i));
}

/** Finite values, one per observed dimension. */
export function observedValues(parameter: string, value: unknown, count: number): Float64Array {
  const expected = `an array of ${count} finite numbers (one per conditioned dimension)`;
  if (!Array.isArray(value) && !(value instanceof Float64Array)) throw new ValidationError(parameter, expected, describe(value));
  if (value.length !== count) throw new ValidationError(parameter, expected, `${value.length} values`);
  const values = new Float64Array(count);
  for (let i = 0; i < count; i++) {
    const v: unknown = value[i];
    if (typeof v !== 'number' || !Number.isFinite(v)) {
      throw new ValidationError(`${parameter}[${i}]`, 'a finite number', describe(v));
    }
    values[i] = v;
  }
  return values;
}
