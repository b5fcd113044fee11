/** Per-row outputs of a mixture over a data matrix, through the kernel's scoreRows. */
import type { KernelParams, KernelSession } from '@gmm/kernel';

/** Rows per scoreRows call when only a reduction of the n×k output is kept (labels). */
const BLOCK_ROWS = 4096;

/** Σ w_i log p(x_i) (Σ log p(x_i) without weights; a row of weight 0 adds nothing). */
export function weightedLogLikelihood(logDensity: Float64Array, sampleWeight?: Float64Array): number {
  if (!sampleWeight) return logDensity.reduce((a, b) => a + b, 0);
  let total = 0;
  logDensity.forEach((value, i) => {
    if (sampleWeight[i] !== 0) total += sampleWeight[i]! * value;
  });
  return total;
}

/** log p(x_i) for every row. */
export function logDensities(session: KernelSession, params: KernelParams): Float64Array {
  const out = new Float64Array(session.rows);
  session.scoreRows(params, 0, session.rows, out, null);
  return out;
}

/** log r_ij for every row (n×k, row-major). */
function logResponsibilities(session: KernelSession, params: KernelParams): Float64Array {
  const out = new Float64Array(session.rows * session.k);
  session.scoreRows(params, 0, session.rows, null, out);
  return out;
}

/**
 * r_ij for every row (n×k). Each row is normalised again in probability space: every log r_ij of a row
 * carries the same rounding error of its log-sum-exp (large when the densities are tiny), and dividing by
 * the row sum cancels it, so rows sum to 1 within a few ulps.
 */
export function responsibilities(session: KernelSession, params: KernelParams): Float64Array {
  const { k } = session;
  const out = logResponsibilities(session, params);
  for (let offset = 0; offset < out.length; offset += k) {
    let sum = 0;
    for (let j = 0; j < k; j++) sum += out[offset + j] = Math.exp(out[offset + j]!);
    for (let j = 0; j < k; j++) out[offset + j]! /= sum;
  }
  return out;
}

/** argmax_j r_ij for every row (first on ties), computed block by block so the n×k matrix never exists. */
export function hardLabels(session: KernelSession, params: KernelParams): Int32Array {
  const { rows, k } = session;
  const labels = new Int32Array(rows);
  const block = new Float64Array(Math.min(rows, BLOCK_ROWS) * k);
  for (let start = 0; start < rows; start += BLOCK_ROWS) {
    const end = Math.min(rows, start + BLOCK_ROWS);
    session.scoreRows(params, start, end, null, block);
    for (let i = start; i < end; i++) {
      const offset = (i - start) * k;
      let best = 0;
      for (let j = 1; j < k; j++) if (block[offset + j]! > block[offset + best]!) best = j;
      labels[i] = best;
    }
  }
  return labels;
}

/**
 * Σ log p(x_i) and the classification entropy −Σ_i Σ_j r_ij log r_ij, block by block so the n×k
 * responsibility matrix never exists (r_ij = 0 contributes 0). With sample weights each row's terms count
 * w_i times (a row of weight 0 not at all).
 */
export function likelihoodAndEntropy(
  session: KernelSession,
  params: KernelParams,
  sampleWeight?: Float64Array,
): { logLikelihood: number; entropy: number } {
  const { rows, k } = session;
  const size = Math.min(rows, BLOCK_ROWS);
  const densities = new Float64Array(size);
  const logResp = new Float64Array(size * k);
  let logLikelihood = 0;
  let entropy = 0;
  for (let start = 0; start < rows; start += BLOCK_ROWS) {
    const end = Math.min(rows, start + BLOCK_ROWS);
    session.scoreRows(params, start, end, densities, logResp);
    for (let i = 0; i < end - start; i++) {
      const w = sampleWeight ? sampleWeight[start + i]! : 1;
      if (w === 0) continue;
      logLikelihood += w * densities[i]!;
      for (let p = i * k; p < (i + 1) * k; p++) {
        const r = Math.exp(logResp[p]!);
        if (r > 0) entropy -= w * r * logResp[p]!;
      }
    }
  }
  return { logLikelihood, entropy };
}
