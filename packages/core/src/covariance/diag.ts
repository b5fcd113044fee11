/** Diagonal covariance: d variances per component. */
import { IllDefinedCovarianceError } from '../errors.js';
import { diagonalOf, ownBlocks } from './blocks.js';
import type { CovarianceModule } from './types.js';

/** 1/√v for every variance, failing on a variance that is not > 0. */
function inverseSqrt(variance: number, component: number, feature: number): number {
  if (!(variance > 0 && Number.isFinite(variance))) {
    throw new IllDefinedCovarianceError(component, `variance of feature ${feature} is ${variance}`);
  }
  return 1 / Math.sqrt(variance);
}

export const diag: CovarianceModule = {
  type: 'diag',
  variances: (covariances, b, d) => covariances.slice(b * d, (b + 1) * d),

  nestedShape: (k, d) => [k, d],

  parameterCount: (k, d) => k * d,

  estimateCovariances({ stats, nk, deltas, k, d, regCovar }) {
    const covariances = new Float64Array(k * d);
    for (let j = 0; j < k; j++) {
      for (let c = 0; c < d; c++) {
        const i = j * d + c;
        const delta = deltas[i]!;
        covariances[i] = (stats.Q[i]! - 2 * stats.S[i]! * delta + stats.N[j]! * delta * delta) / nk[j]! + regCovar;
      }
    }
    return covariances;
  },

  factorPrecisions(precisions, k, d, fail) {
    for (let i = 0; i < k * d; i++) {
      if (!(precisions[i]! > 0)) {
        fail('positive precisions', `component ${Math.floor(i / d)} with precision ${precisions[i]} for feature ${i % d}`);
      }
    }
    return precisions.map(Math.sqrt);
  },

  logDetU(precChol, k, d) {
    return Float64Array.from({ length: k }, (_, j) => {
      let sum = 0;
      for (let c = 0; c < d; c++) sum += Math.log(precChol[j * d + c]!);
      return sum;
    });
  },

  precCholToDense: (precChol) => precChol.slice(),

  precCholFromDense(dense, k, d, fail) {
    for (let i = 0; i < k * d; i++) {
      if (!(dense[i]! > 0)) fail('positive factors', `component ${Math.floor(i / d)} with factor ${dense[i]} for feature ${i % d}`);
    }
    return dense.slice();
  },

  addSecondMoment(Q, j, diff, r, d) {
    for (let c = 0; c < d; c++) Q[j * d + c]! += r * diff[c]! * diff[c]!;
  },

  denseCovariance(covariances, j, d) {
    const dense = new Float64Array(d * d);
    for (let c = 0; c < d; c++) dense[c * d + c] = covariances[j * d + c]!;
    return dense;
  },

  sampler(covariances, _k, d) {
    const scales = covariances.map(Math.sqrt);
    return (j, z, out) => {
      for (let c = 0; c < d; c++) out[c]! += scales[j * d + c]! * z[c]!;
    };
  },

  blockIndices: ownBlocks,

  fromDenseBlocks(blocks, d) {
    const covariances = new Float64Array(blocks.length * d);
    blocks.forEach((block, j) => covariances.set(diagonalOf(block, d), j * d));
    return covariances;
  },

  precCholFromCovariances: (covariances, _k, d) => covariances.map((variance, i) => inverseSqrt(variance, Math.floor(i / d), i % d)),
};
