import { COVARIANCE_KINDS, KERNEL_DTYPES, type SessionShape } from './types.js';

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
  if (shape.dtype !== undefined && !KERNEL_DTYPES.includes(shape.dtype)) {
    throw new RangeError(`dtype must be one of ${KERNEL_DTYPES.join(', ')}, got ${String(shape.dtype)}`);
  }
  if (data.length < rows * cols) {
    throw new RangeError(`data holds ${data.length} values, rows × cols = ${rows} × ${cols} needs ${rows * cols}`);
  }
}

/** Checks the optional per-row weights of `Kernel.createSession`: one finite value >= 0 per row. */
export function checkSampleWeight(sampleWeight: Float64Array | undefined, rows: number): void {
  if (sampleWeight === undefined) return;
  if (!(sampleWeight instanceof Float64Array) || sampleWeight.length !== rows) {
    throw new RangeError(`sampleWeight must be a Float64Array of ${rows} values (one per row), got ${describeWeights(sampleWeight)}`);
  }
  for (let i = 0; i < rows; i++) {
    const w = sampleWeight[i]!;
    if (!Number.isFinite(w) || w < 0) throw new RangeError(`sampleWeight[${i}] must be finite and >= 0, got ${w}`);
  }
}

function describeWeights(value: unknown): string {
  return value instanceof Float64Array ? `${value.length} values` : typeof value;
}

/** Checks a row range [start, end) against a session of `rows` rows. */
export function checkRange(start: number, end: number, rows: number): void {
  if (!Number.isInteger(start) || !Number.isInteger(end) || start < 0 || end < start || end > rows) {
    throw new RangeError(`row range [${start}, ${end}) is not within [0, ${rows})`);
  }
}
