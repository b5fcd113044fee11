/** Spherical covariance: one variance per component (the mean of its diagonal variances, as sklearn). */
import { IllDefinedCovarianceError } from '../errors.js';
import { diagonalOf, ownBlocks } from './blocks.js';
import type { CovarianceModule } from './types.js';

function checkVariance(variance: number, component: number): void {
  if (!(variance > 0 && Number.isFinite(variance))) throw new IllDefinedCovarianceError(component, `variance ${variance}`);
}

/** The mean of the diagonal, as first + mean of the differences: exactly the variance when all are equal. */
function meanVariance(diagonal: Float64Array): number {
  const first = diagonal[0]!;
  return first + diagonal.reduce((sum, v) => sum + (v - first), 0) / diagonal.length;
}

export const spherical: CovarianceModule = {
  type: 'spherical',
  variances: (covariances, b, d) => new Float64Array(d).fill(covariances[b]!),

  nestedShape: (k) => [k],

  parameterCount: (k) => k,

  estimateCovariances({ stats, nk, deltas, k, d, regCovar }) {
    const covariances = new Float64Array(k);
    for (let j = 0; j < k; j++) {
      let crossTerm = 0;
      let deltaNorm = 0;
      for (let c = 0; c < d; c++) {
        const delta = deltas[j * d + c]!;
        crossTerm += stats.S[j * d + c]! * delta;
        deltaNorm += delta * delta;
      }
      covariances[j] = (stats.Q[j]! - 2 * crossTerm + stats.N[j]! * deltaNorm) / (d * nk[j]!) + regCovar;
    }
    return covariances;
  },

  factorPrecisions(precisions, k, _d, fail) {
    for (let j = 0; j < k; j++) {
      if (!(precisions[j]! > 0)) fail('positive precisions', `component ${j} with precision ${precisions[j]}`);
    }
    return precisions.map(Math.sqrt);
  },

  logDetU: (precChol, _k, d) => precChol.map((u) => d * Math.log(u)),

  precCholToDense: (precChol) => precChol.slice(),

  precCholFromDense(dense, k, _d, fail) {
    for (let j = 0; j < k; j++) {
      if (!(dense[j]! > 0)) fail('positive factors', `component ${j} with factor ${dense[j]}`);
    }
    return dense.slice();
  },

  addSecondMoment(Q, j, diff, r, d) {
    let sum = 0;
    for (let c = 0; c < d; c++) sum += diff[c]! * diff[c]!;
    Q[j]! += r * sum;
  },

  denseCovariance(covariances, j, d) {
    const dense = new Float64Array(d * d);
    for (let c = 0; c < d; c++) dense[c * d + c] = covariances[j]!;
    return dense;
  },

  sampler(covariances, _k, d) {
    const scales = covariances.map(Math.sqrt);
    return (j, z, out) => {
      for (let c = 0; c < d; c++) out[c]! += scales[j]! * z[c]!;
    };
  },

  blockIndices: ownBlocks,

  fromDenseBlocks: (blocks, d) => Float64Array.from(blocks, (block) => meanVariance(diagonalOf(block, d))),

  precCholFromCovariances: (covariances) =>
    covariances.map((variance, j) => {
      checkVariance(variance, j);
      return 1 / Math.sqrt(variance);
    }),
};
