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
import type { CovarianceModule } from './types.js';

export const full: CovarianceModule = {
  type: 'full',

  nestedShape: (k, d) => [k, d, d],

  parameterCount: (k, d) => k * packedSize(d),

  estimate({ stats, nk, deltas, k, d, regCovar }) {
    const size = packedSize(d);
    const covariances = new Float64Array(k * d * d);
    const precChol = new Float64Array(k * size);
    for (let j = 0; j < k; j++) {
      const sigma = scatterCovariance(stats.Q, j * size, stats.S, stats.N, deltas, j, j + 1, d, nk[j]!, regCovar);
      covariances.set(sigma, j * d * d);
      packPrecisionFactor(sigma, d, j, precChol, j * size);
    }
    return { covariances, precChol };
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
};
