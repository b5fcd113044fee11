/** Tied covariance: one d×d matrix shared by every component (pooled scatter / Σ nk, as sklearn). */
import { packedSize } from '@gmm/kernel';
import {
  addLowerProduct,
  addPackedOuter,
  covarianceFactor,
  logDiagonalSum,
  packDenseFactor,
  packPrecisionFactor,
  packUserPrecision,
  scatterCovariance,
  unpackUpper,
} from './triangular.js';
import type { CovarianceModule } from './types.js';

export const tied: CovarianceModule = {
  type: 'tied',

  nestedShape: (_k, d) => [d, d],

  parameterCount: (_k, d) => packedSize(d),

  estimateCovariances({ stats, nk, deltas, k, d, regCovar }) {
    let total = 0;
    for (let j = 0; j < k; j++) total += nk[j]!;
    // The kernel already summed Q over components; the mean corrections of every component are subtracted here.
    return scatterCovariance(stats.Q, 0, stats.S, stats.N, deltas, 0, k, d, total, regCovar);
  },

  factorPrecisions(precisions, _k, d, fail) {
    const precChol = new Float64Array(packedSize(d));
    packUserPrecision(precisions, 0, d, 'the tied precision', fail, precChol, 0);
    return precChol;
  },

  logDetU(precChol, k, d) {
    return new Float64Array(k).fill(logDiagonalSum(precChol, 0, d));
  },

  precCholToDense(precChol, _k, d) {
    const dense = new Float64Array(d * d);
    unpackUpper(precChol, 0, d, dense, 0);
    return dense;
  },

  precCholFromDense(dense, _k, d, fail) {
    const precChol = new Float64Array(packedSize(d));
    packDenseFactor(dense, 0, d, 'the tied factor', fail, precChol, 0);
    return precChol;
  },

  addSecondMoment(Q, _j, diff, r, d) {
    addPackedOuter(Q, 0, diff, r, d);
  },

  denseCovariance: (covariances) => covariances.slice(),

  sampler(covariances, _k, d) {
    const factor = covarianceFactor(covariances, 0, d, undefined);
    return (_j, z, out) => addLowerProduct(factor, 0, d, z, out);
  },

  blockIndices: (k) => new Int32Array(k),

  fromDenseBlocks: (blocks) => blocks[0]!.slice(),

  precCholFromCovariances(covariances, _k, d) {
    const precChol = new Float64Array(packedSize(d));
    packPrecisionFactor(covariances, d, undefined, precChol, 0);
    return precChol;
  },
};
