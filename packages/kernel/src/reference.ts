/**
 * The pure-TypeScript reference kernel: the same contract as the WebAssembly kernel, written for clarity
 * one row at a time. It is the test oracle for the WASM kernel and the baseline of `pnpm bench`. With dtype
 * 'float32' it holds the f32 values a float32 WASM session holds (the data minus its column centres, rounded)
 * and computes in f64: the oracle of the float32 WASM kernel, which differs from it by f32 arithmetic only.
 */
import { centredMeans, centredRows, columnCentres } from './float32-data.js';
import { createStats, packedSize } from './layout.js';
import type {
  CovarianceKind,
  Kernel,
  KernelDtype,
  KernelParams,
  KernelSession,
  SessionShape,
  SufficientStats,
} from './types.js';
import { checkRange, checkSampleWeight, checkSessionInput } from './validate.js';

/** Writes ½‖(x − μ_j)ᵀU_j‖² for every component into `halfMahalanobis`, and x − μ_j into `diffs` (k·d). */
type MahalanobisFn = (
  x: Float64Array,
  rowOffset: number,
  d: number,
  k: number,
  params: KernelParams,
  diffs: Float64Array,
  halfMahalanobis: Float64Array,
) => void;

/** Adds r_j-weighted second moments of the diffs of one row into Q. */
type SecondMomentFn = (d: number, k: number, resp: Float64Array, diffs: Float64Array, Q: Float64Array) => void;

function fillDiffs(x: Float64Array, rowOffset: number, d: number, k: number, means: Float64Array, diffs: Float64Array): void {
  for (let j = 0; j < k; j++) {
    for (let c = 0; c < d; c++) diffs[j * d + c] = x[rowOffset + c]! - means[j * d + c]!;
  }
}

/** ½‖diffᵀU‖² with U a packed upper triangle starting at `uOffset`. */
function triangularHalfNorm(diffs: Float64Array, diffOffset: number, U: Float64Array, uOffset: number, d: number): number {
  let sum = 0;
  for (let c = 0; c < d; c++) {
    // y_c = Σ_{r ≤ c} diff_r · U[r][c]; row r of the packed triangle starts at r·d − r(r−1)/2 and holds columns r..d−1.
    let y = 0;
    for (let r = 0; r <= c; r++) y += diffs[diffOffset + r]! * U[uOffset + r * d - (r * (r - 1)) / 2 + (c - r)]!;
    sum += y * y;
  }
  return 0.5 * sum;
}

function addPackedOuter(diffs: Float64Array, diffOffset: number, weight: number, Q: Float64Array, qOffset: number, d: number): void {
  let p = qOffset;
  for (let r = 0; r < d; r++) {
    const wr = weight * diffs[diffOffset + r]!;
    for (let c = r; c < d; c++) Q[p++]! += wr * diffs[diffOffset + c]!;
  }
}

const mahalanobis: Record<CovarianceKind, MahalanobisFn> = {
  full(x, rowOffset, d, k, params, diffs, out) {
    fillDiffs(x, rowOffset, d, k, params.means, diffs);
    const size = packedSize(d);
    for (let j = 0; j < k; j++) out[j] = triangularHalfNorm(diffs, j * d, params.precChol, j * size, d);
  },
  tied(x, rowOffset, d, k, params, diffs, out) {
    fillDiffs(x, rowOffset, d, k, params.means, diffs);
    for (let j = 0; j < k; j++) out[j] = triangularHalfNorm(diffs, j * d, params.precChol, 0, d);
  },
  diag(x, rowOffset, d, k, params, diffs, out) {
    fillDiffs(x, rowOffset, d, k, params.means, diffs);
    for (let j = 0; j < k; j++) {
      let sum = 0;
      for (let c = 0; c < d; c++) {
        const y = diffs[j * d + c]! * params.precChol[j * d + c]!;
        sum += y * y;
      }
      out[j] = 0.5 * sum;
    }
  },
  spherical(x, rowOffset, d, k, params, diffs, out) {
    fillDiffs(x, rowOffset, d, k, params.means, diffs);
    for (let j = 0; j < k; j++) {
      let sum = 0;
      for (let c = 0; c < d; c++) sum += diffs[j * d + c]! * diffs[j * d + c]!;
      const u = params.precChol[j]!;
      out[j] = 0.5 * sum * u * u;
    }
  },
};

const secondMoment: Record<CovarianceKind, SecondMomentFn> = {
  full(d, k, resp, diffs, Q) {
    const size = packedSize(d);
    for (let j = 0; j < k; j++) addPackedOuter(diffs, j * d, resp[j]!, Q, j * size, d);
  },
  tied(d, k, resp, diffs, Q) {
    for (let j = 0; j < k; j++) addPackedOuter(diffs, j * d, resp[j]!, Q, 0, d);
  },
  diag(d, k, resp, diffs, Q) {
    for (let j = 0; j < k; j++) {
      for (let c = 0; c < d; c++) Q[j * d + c]! += resp[j]! * diffs[j * d + c]! * diffs[j * d + c]!;
    }
  },
  spherical(d, k, resp, diffs, Q) {
    for (let j = 0; j < k; j++) {
      let sum = 0;
      for (let c = 0; c < d; c++) sum += diffs[j * d + c]! * diffs[j * d + c]!;
      Q[j]! += resp[j]! * sum;
    }
  },
};

/** Turns log ρ_j (in place) into log r_j and returns log Σ_j ρ_j, subtracting the maximum first. */
function normaliseLogRow(logRho: Float64Array, k: number): number {
  let max = -Infinity;
  for (let j = 0; j < k; j++) if (logRho[j]! > max) max = logRho[j]!;
  let sum = 0;
  for (let j = 0; j < k; j++) sum += Math.exp(logRho[j]! - max);
  const lse = max + Math.log(sum);
  for (let j = 0; j < k; j++) logRho[j]! -= lse;
  return lse;
}

class ReferenceSession implements KernelSession {
  private readonly data: Float64Array;
  /** float32: the column centres subtracted from the data, and so from the means of every call. */
  private readonly centre: Float64Array | undefined;
  /** Per-row weights, or null for the unweighted E-step. */
  private readonly weights: Float64Array | null;
  private readonly diffs: Float64Array;
  private readonly halfMahalanobis: Float64Array;
  private readonly logResp: Float64Array;
  private readonly resp: Float64Array;

  constructor(
    data: Float64Array,
    readonly rows: number,
    readonly cols: number,
    readonly kind: CovarianceKind,
    readonly k: number,
    dtype: KernelDtype,
    sampleWeight: Float64Array | undefined,
  ) {
    this.centre = dtype === 'float32' ? columnCentres(data, rows, cols) : undefined;
    this.data = this.centre ? centredRows(data, rows, cols, this.centre) : data.slice(0, rows * cols);
    this.weights = sampleWeight ? sampleWeight.slice() : null;
    this.diffs = new Float64Array(k * cols);
    this.halfMahalanobis = new Float64Array(k);
    this.logResp = new Float64Array(k);
    this.resp = new Float64Array(k);
  }

  /** The parameters in the coordinates of this.data (float32: the means minus the centre). */
  private local(params: KernelParams): KernelParams {
    return this.centre ? { ...params, means: centredMeans(params.means, this.centre) } : params;
  }

  /** Fills this.logResp with log r_ij for row i (params from local()) and returns log p(x_i). */
  private scoreRow(params: KernelParams, i: number): number {
    const { cols: d, k } = this;
    mahalanobis[this.kind](this.data, i * d, d, k, params, this.diffs, this.halfMahalanobis);
    for (let j = 0; j < k; j++) this.logResp[j] = params.logConst[j]! - this.halfMahalanobis[j]!;
    return normaliseLogRow(this.logResp, k);
  }

  eStep(params: KernelParams, start: number, end: number, stats: SufficientStats): number {
    checkRange(start, end, this.rows);
    const { cols: d, k } = this;
    const local = this.local(params);
    const fresh = createStats(this.kind, k, d);
    let logLikelihood = 0;
    for (let i = start; i < end; i++) {
      const weight = this.weights?.[i];
      // A zero weight removes the row, even one whose density underflows to 0 (0 · −∞ would be NaN).
      if (weight === 0) continue;
      const logDensity = this.scoreRow(local, i);
      logLikelihood += weight === undefined ? logDensity : weight * logDensity;
      for (let j = 0; j < k; j++) {
        const r = weight === undefined ? Math.exp(this.logResp[j]!) : weight * Math.exp(this.logResp[j]!);
        this.resp[j] = r;
        fresh.N[j]! += r;
        for (let c = 0; c < d; c++) fresh.S[j * d + c]! += r * this.diffs[j * d + c]!;
      }
      secondMoment[this.kind](d, k, this.resp, this.diffs, fresh.Q);
    }
    stats.N.set(fresh.N);
    stats.S.set(fresh.S);
    stats.Q.set(fresh.Q);
    return logLikelihood;
  }

  scoreRows(
    params: KernelParams,
    start: number,
    end: number,
    logDensity: Float64Array | null,
    logResp: Float64Array | null,
  ): void {
    checkRange(start, end, this.rows);
    const { k } = this;
    const local = this.local(params);
    for (let i = start; i < end; i++) {
      const lse = this.scoreRow(local, i);
      if (logDensity) logDensity[i - start] = lse;
      if (logResp) logResp.set(this.logResp, (i - start) * k);
    }
  }

  dispose(): void {}
}

export const referenceKernel: Kernel = {
  name: 'reference-ts',
  createSession(data: Float64Array, rows: number, cols: number, shape: SessionShape, sampleWeight?: Float64Array): KernelSession {
    checkSessionInput(data, rows, cols, shape);
    checkSampleWeight(sampleWeight, rows);
    return new ReferenceSession(data, rows, cols, shape.kind, shape.k, shape.dtype ?? 'float64', sampleWeight);
  },
};
