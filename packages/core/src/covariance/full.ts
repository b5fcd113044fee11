/** Full covariance: one d×d matrix per component. */
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
import { ownBlocks } from './blocks.js';
import type { CovarianceModule } from './types.js';

export const full: CovarianceModule = {
  type: 'full',

  nestedShape: (k, d) => [k, d, d],

  parameterCount: (k, d) => k * packedSize(d),

  estimateCovariances({ stats, nk, deltas, k, d, regCovar }) {
    const size = packedSize(d);
    const covariances = new Float64Array(k * d * d);
    for (let j = 0; j < k; j++) {
      covariances.set(scatterCovariance(stats.Q, j * size, stats.S, stats.N, deltas, j, j + 1, d, nk[j]!, regCovar), j * d * d);
    }
    return covariances;
  },

  factorPrecisions(precisions, k, d, fail) {
    const size = packedSize(d);
    const precChol = new Float64Array(k * size);
    for (let j = 0; j < k; j++) packUserPrecision(precisions, j * d * d, d, `component ${j}`, fail, precChol, j * size);
    return precChol;
  },

  logDetU(precChol, k, d) {
    const size = packedSize(d);
    return Float64Array.from({ length: k }, (_, j) => logDiagonalSum(precChol, j * size, d));
  },

  precCholToDense(precChol, k, d) {
    const dense = new Float64Array(k * d * d);
    for (let j = 0; j < k; j++) unpackUpper(precChol, j * packedSize(d), d, dense, j * d * d);
    return dense;
  },

  precCholFromDense(dense, k, d, fail) {
    const size = packedSize(d);
    const precChol = new Float64Array(k * size);
    for (let j = 0; j < k; j++) packDenseFactor(dense, j * d * d, d, `component ${j}`, fail, precChol, j * size);
    return precChol;
  },

  addSecondMoment(Q, j, diff, r, d) {
    addPackedOuter(Q, j * packedSize(d), diff, r, d);
  },

  denseCovariance: (covariances, j, d) => covariances.slice(j * d * d, (j + 1) * d * d),

  sampler(covariances, k, d) {
    const factors = Array.from({ length: k }, (_, j) => covarianceFactor(covariances, j * d * d, d, j));
    return (j, z, out) => addLowerProduct(factors[j]!, 0, d, z, out);
  },

  blockIndices: ownBlocks,

  fromDenseBlocks(blocks, d) {
    const covariances = new Float64Array(blocks.length * d * d);
    blocks.forEach((block, j) => covariances.set(block, j * d * d));
    return covariances;
  },

  precCholFromCovariances(covariances, k, d) {
    const size = packedSize(d);
    const precChol = new Float64Array(k * size);
    for (let j = 0; j < k; j++) packPrecisionFactor(covariances.subarray(j * d * d, (j + 1) * d * d), d, j, precChol, j * size);
    return precChol;
  },
};
