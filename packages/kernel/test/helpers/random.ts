import { LOG_2PI, packedSize, precCholSize } from '../../src/layout.js';
import type { CovarianceKind, KernelParams } from '../../src/types.js';

/** mulberry32: a tiny seeded generator of uniforms in [0, 1), enough for reproducible test inputs. */
export function mulberry32(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Standard normal draws (Box–Muller) from a uniform generator. */
export function normal(uniform: () => number): () => number {
  return () => Math.sqrt(-2 * Math.log(1 - uniform())) * Math.cos(2 * Math.PI * uniform());
}

/**
 * Valid random parameters: means in [-3, 3]^d, each U upper triangular with a diagonal in [0.5, 1.5] and
 * off-diagonal entries in [-0.5, 0.5], and logConst built from random weights as types.ts defines it.
 */
export function randomParams(kind: CovarianceKind, k: number, d: number, uniform: () => number): KernelParams {
  const means = Float64Array.from({ length: k * d }, () => 6 * uniform() - 3);
  const precChol = new Float64Array(precCholSize(kind, k, d));
  const logDetU = new Float64Array(k);
  const triangular = kind === 'full' || kind === 'tied';
  const factors = triangular ? precChol.length / packedSize(d) : 0;
  for (let f = 0; f < factors; f++) {
    let p = f * packedSize(d);
    for (let r = 0; r < d; r++) {
      for (let c = r; c < d; c++) precChol[p++] = r === c ? 0.5 + uniform() : uniform() - 0.5;
    }
  }
  if (!triangular) for (let i = 0; i < precChol.length; i++) precChol[i] = 0.5 + uniform();
  for (let j = 0; j < k; j++) logDetU[j] = logDeterminant(kind, precChol, j, d);
  const weights = Float64Array.from({ length: k }, () => 0.1 + uniform());
  const total = weights.reduce((a, b) => a + b, 0);
  const logConst = weights.map((w, j) => Math.log(w / total) + logDetU[j]! - 0.5 * d * LOG_2PI);
  return { means, precChol, logConst };
}

/** log|U_j| (the sum of the log diagonal; a spherical U is u·I). */
function logDeterminant(kind: CovarianceKind, precChol: Float64Array, j: number, d: number): number {
  switch (kind) {
    case 'spherical':
      return d * Math.log(precChol[j]!);
    case 'diag':
      return precChol.subarray(j * d, (j + 1) * d).reduce((sum, u) => sum + Math.log(u), 0);
    case 'full':
    case 'tied': {
      const base = kind === 'full' ? j * packedSize(d) : 0;
      let sum = 0;
      for (let r = 0; r < d; r++) sum += Math.log(precChol[base + r * d - (r * (r - 1)) / 2]!);
      return sum;
    }
  }
}

/** rows × d points drawn around the given means (a random component per row, unit normal noise). */
export function randomData(rows: number, d: number, params: KernelParams, uniform: () => number): Float64Array {
  const k = params.logConst.length;
  const gauss = normal(uniform);
  const data = new Float64Array(rows * d);
  for (let i = 0; i < rows; i++) {
    const j = Math.floor(uniform() * k);
    for (let c = 0; c < d; c++) data[i * d + c] = params.means[j * d + c]! + gauss();
  }
  return data;
}
