// Exports of the kernel module. Pointers are byte offsets into this module's memory; sizes are counts of f64.
// Buffer layouts are those of packages/kernel/src/types.ts; `work` is scratch of workBytes(kind, k, d) bytes;
// `weights` is one f64 sample weight per row of x, or 0 for an unweighted E-step.
import { DIAG, FULL, SPHERICAL, TIED } from './kinds';
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
