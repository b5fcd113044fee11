// Exports of the kernel module. Pointers are byte offsets into this module's memory; sizes are counts of f64.
// Buffer layouts are those of packages/kernel/src/types.ts; `work` is scratch of workBytes(kind, k, d) bytes;
// `weights` is one f64 sample weight per row of x, or 0 for an unweighted E-step. The float64 x is in pairs of rows
// for d ≤ 2 and in blocks laid out as the E-step computes on them for d > 2 (data-layout.ts).
import { DIAG, FULL, SPHERICAL, TIED } from './kinds';
import { layOutRows, storedBytes, storedUnitRows } from './data-layout';
import { eStepRange, scoreRange } from './ranges';
import { expPair } from './vexp';
import { workSize } from './work';

/** Allocates `bytes` bytes (16-byte aligned) and returns the pointer. */
export function alloc(bytes: usize): usize {
  return heap.alloc(bytes);
}

/** Frees a pointer returned by alloc. */
export function free(ptr: usize): void {
  heap.free(ptr);
}

/** Bytes of scratch the entry points need for `kind` (0 full, 1 tied, 2 diag, 3 spherical), k components, d columns. */
export function workBytes(kind: i32, k: i32, d: i32): f64 {
  return workSize(kind, <f64>k, <f64>d);
}

/** Bytes of the float64 x of `rows` rows of d columns (data-layout.ts). */
export function dataBytes(rows: i32, d: i32): f64 {
  return storedBytes(<f64>rows, d);
}

/** Rows a range of the float64 x must start on a multiple of to be read in place (a threaded E-step's chunks do). */
export function dataUnitRows(d: i32): i32 {
  return storedUnitRows(d);
}

/** Lays out the float64 x, which holds rows × d values row by row, as the kernel reads it; `scratch`: 64·d f64. */
export function layOutData(x: usize, rows: i32, d: i32, scratch: usize): void {
  layOutRows(x, rows, d, scratch);
}

/** Full covariances: fused E-step over rows [start, end) of x (rows × d); writes N, S, Q and returns Σ log p (weighted by `weights`, one per row of x, unless 0). */
export function eStepFull(x: usize, d: i32, k: i32, start: i32, end: i32, means: usize, precChol: usize, logConst: usize, N: usize, S: usize, Q: usize, work: usize, weights: usize): f64 {
  return eStepRange(FULL, x, d, k, start, end, means, precChol, logConst, N, S, Q, work, weights);
}

/** Tied covariance: fused E-step over rows [start, end); writes N, S, Q and returns Σ log p (weighted by `weights`, one per row of x, unless 0). */
export function eStepTied(x: usize, d: i32, k: i32, start: i32, end: i32, means: usize, precChol: usize, logConst: usize, N: usize, S: usize, Q: usize, work: usize, weights: usize): f64 {
  return eStepRange(TIED, x, d, k, start, end, means, precChol, logConst, N, S, Q, work, weights);
}

/** Diagonal covariances: fused E-step over rows [start, end); writes N, S, Q and returns Σ log p (weighted by `weights`, one per row of x, unless 0). */
export function eStepDiag(x: usize, d: i32, k: i32, start: i32, end: i32, means: usize, precChol: usize, logConst: usize, N: usize, S: usize, Q: usize, work: usize, weights: usize): f64 {
  return eStepRange(DIAG, x, d, k, start, end, means, precChol, logConst, N, S, Q, work, weights);
}

/** Spherical covariances: fused E-step over rows [start, end); writes N, S, Q and returns Σ log p (weighted by `weights`, one per row of x, unless 0). */
export function eStepSpherical(x: usize, d: i32, k: i32, start: i32, end: i32, means: usize, precChol: usize, logConst: usize, N: usize, S: usize, Q: usize, work: usize, weights: usize): f64 {
  return eStepRange(SPHERICAL, x, d, k, start, end, means, precChol, logConst, N, S, Q, work, weights);
}

/** Full covariances: log p per row into logDensity and log r per row and component into logResp (0 = skip). */
export function scoreFull(x: usize, d: i32, k: i32, start: i32, end: i32, means: usize, precChol: usize, logConst: usize, logDensity: usize, logResp: usize, work: usize): void {
  scoreRange(FULL, x, d, k, start, end, means, precChol, logConst, logDensity, logResp, work);
}

/** Tied covariance: per-row log p and log r over rows [start, end) (0 = skip an output). */
export function scoreTied(x: usize, d: i32, k: i32, start: i32, end: i32, means: usize, precChol: usize, logConst: usize, logDensity: usize, logResp: usize, work: usize): void {
  scoreRange(TIED, x, d, k, start, end, means, precChol, logConst, logDensity, logResp, work);
}

/** Diagonal covariances: per-row log p and log r over rows [start, end) (0 = skip an output). */
export function scoreDiag(x: usize, d: i32, k: i32, start: i32, end: i32, means: usize, precChol: usize, logConst: usize, logDensity: usize, logResp: usize, work: usize): void {
  scoreRange(DIAG, x, d, k, start, end, means, precChol, logConst, logDensity, logResp, work);
}

/** Spherical covariances: per-row log p and log r over rows [start, end) (0 = skip an output). */
export function scoreSpherical(x: usize, d: i32, k: i32, start: i32, end: i32, means: usize, precChol: usize, logConst: usize, logDensity: usize, logResp: usize, work: usize): void {
  scoreRange(SPHERICAL, x, d, k, start, end, means, precChol, logConst, logDensity, logResp, work);
}

/** Replaces values[0..count) by their vectorised exp; it exists for the accuracy test (test/vexp.test.ts). */
export function expInPlace(values: usize, count: i32): void {
  let at = values;
  const end = values + (<usize>count << 3);
  for (; at + 16 <= end; at += 16) v128.store(at, expPair(v128.load(at)));
  if (at < end) store<f64>(at, f64x2.extract_lane(expPair(v128.load64_splat(at)), 0));
}

// The float32 kernel (assembly/f32/): x is f32 data in quads (quad q = d f32x4 slots, slot c = column c of rows
// 4q … 4q + 3, rows padded to whole quads); means, precChol and logConst are f32 arrays; statistics and Σ log p are
// f64. `weights` is one f64 per row padded to whole quads (0 = unweighted), `weights32` the same weights divided by
// `unscale` in f32 (the statistics are multiplied back by unscale).
import { BLOCK_ROWS32, eStepRange32, scoreRange32 } from './f32/ranges32';
import { expQuad } from './f32/vexp32';
import { workSize32 } from './f32/work32';

/** Bytes of scratch the float32 entry points need for `kind`, k components, d columns. */
export function workBytes32(kind: i32, k: i32, d: i32): f64 {
  return workSize32(kind, <f64>k, <f64>d);
}

/** Rows of one block of the float32 E-step: ranges that start on a multiple sum the same f32 runs, whatever range holds them. */
export function blockRows32(): i32 {
  return BLOCK_ROWS32;
}

/** Full covariances, float32 data: fused E-step over rows [start, end); writes N, S, Q (f64) and returns Σ (w) log p. */
export function eStepFull32(x: usize, d: i32, k: i32, start: i32, end: i32, means: usize, precChol: usize, logConst: usize, N: usize, S: usize, Q: usize, work: usize, weights: usize, weights32: usize, unscale: f64): f64 {
  return eStepRange32(FULL, x, d, k, start, end, means, precChol, logConst, N, S, Q, work, weights, weights32, unscale);
}

/** Tied covariance, float32 data: fused E-step over rows [start, end); writes N, S, Q (f64) and returns Σ (w) log p. */
export function eStepTied32(x: usize, d: i32, k: i32, start: i32, end: i32, means: usize, precChol: usize, logConst: usize, N: usize, S: usize, Q: usize, work: usize, weights: usize, weights32: usize, unscale: f64): f64 {
  return eStepRange32(TIED, x, d, k, start, end, means, precChol, logConst, N, S, Q, work, weights, weights32, unscale);
}

/** Diagonal covariances, float32 data: fused E-step over rows [start, end); writes N, S, Q (f64) and returns Σ (w) log p. */
export function eStepDiag32(x: usize, d: i32, k: i32, start: i32, end: i32, means: usize, precChol: usize, logConst: usize, N: usize, S: usize, Q: usize, work: usize, weights: usize, weights32: usize, unscale: f64): f64 {
  return eStepRange32(DIAG, x, d, k, start, end, means, precChol, logConst, N, S, Q, work, weights, weights32, unscale);
}

/** Spherical covariances, float32 data: fused E-step over rows [start, end); writes N, S, Q (f64) and returns Σ (w) log p. */
export function eStepSpherical32(x: usize, d: i32, k: i32, start: i32, end: i32, means: usize, precChol: usize, logConst: usize, N: usize, S: usize, Q: usize, work: usize, weights: usize, weights32: usize, unscale: f64): f64 {
  return eStepRange32(SPHERICAL, x, d, k, start, end, means, precChol, logConst, N, S, Q, work, weights, weights32, unscale);
}

/** Full covariances, float32 data: per-row log p and log r (f64) over rows [start, end) (0 = skip an output). */
export function scoreFull32(x: usize, d: i32, k: i32, start: i32, end: i32, means: usize, precChol: usize, logConst: usize, logDensity: usize, logResp: usize, work: usize): void {
  scoreRange32(FULL, x, d, k, start, end, means, precChol, logConst, logDensity, logResp, work);
}

/** Tied covariance, float32 data: per-row log p and log r (f64) over rows [start, end) (0 = skip an output). */
export function scoreTied32(x: usize, d: i32, k: i32, start: i32, end: i32, means: usize, precChol: usize, logConst: usize, logDensity: usize, logResp: usize, work: usize): void {
  scoreRange32(TIED, x, d, k, start, end, means, precChol, logConst, logDensity, logResp, work);
}

/** Diagonal covariances, float32 data: per-row log p and log r (f64) over rows [start, end) (0 = skip an output). */
export function scoreDiag32(x: usize, d: i32, k: i32, start: i32, end: i32, means: usize, precChol: usize, logConst: usize, logDensity: usize, logResp: usize, work: usize): void {
  scoreRange32(DIAG, x, d, k, start, end, means, precChol, logConst, logDensity, logResp, work);
}

/** Spherical covariances, float32 data: per-row log p and log r (f64) over rows [start, end) (0 = skip an output). */
export function scoreSpherical32(x: usize, d: i32, k: i32, start: i32, end: i32, means: usize, precChol: usize, logConst: usize, logDensity: usize, logResp: usize, work: usize): void {
  scoreRange32(SPHERICAL, x, d, k, start, end, means, precChol, logConst, logDensity, logResp, work);
}

/** Replaces the f32 values[0..count) by their vectorised exp; it exists for the accuracy test (test/f32-vexp.test.ts). */
export function expQuadInPlace(values: usize, count: i32): void {
  let at = values;
  const end = values + (<usize>count << 2);
  for (; at + 16 <= end; at += 16) v128.store(at, expQuad(v128.load(at)));
  for (; at < end; at += 4) store<f32>(at, f32x4.extract_lane(expQuad(v128.load32_splat(at)), 0));
}
