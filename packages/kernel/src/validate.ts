import { COVARIANCE_KINDS, type SessionShape } from './types.js';

function isCount(value: number, min: number): boolean {
  return Number.isInteger(value) && value >= min;
}

/** Checks the arguments of `Kernel.createSession`; both kernels share it so they fail alike. */
export function checkSessionInput(data: Float64Array, rows: number, cols: number, shape: SessionShape): void {
  if (!isCount(rows, 0)) throw new RangeError(`rows must be an integer >= 0, got ${rows}`);
  if (!isCount(cols, 1)) throw new RangeError(`cols must be an integer >= 1, got ${cols}`);
  if (!isCount(shape.k, 1)) throw new RangeError(`k must be an integer >= 1, got ${shape.k}`);
  if (!COVARIANCE_KINDS.includes(shape.kind)) {
    throw new RangeError(`kind must be one of ${COVARIANCE_KINDS.join(', ')}, got ${String(shape.kind)}`);
  }
  if (data.length < rows * cols) {
    throw new RangeError(`data holds ${data.length} values, rows × cols = ${rows} × ${cols} needs ${rows * cols}`);
  }
}

/** Checks a row range [start, end) against a session of `rows` rows. */
export function checkRange(start: number, end: number, rows: number): void {
  if (!Number.isInteger(start) || !Number.isInteger(end) || start < 0 || end < start || end > rows) {
    throw new RangeError(`row range [${start}, ${end}) is not within [0, ${rows})`);
  }
}
