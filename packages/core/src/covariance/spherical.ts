/** Spherical covariance: one variance per component (the mean of its diagonal variances, as sklearn). */
import { IllDefinedCovarianceError } from '../errors.js';
import type { CovarianceModule } from './types.js';

export const spherical: CovarianceModule = {
  type: 'spherical',

  nestedShape: (k) => [k],

  parameterCount: (k) => k,

  estimate({ stats, nk, deltas, k, d, regCovar }) {
    const covariances = new Float64Array(k);
    const precChol = new Float64Array(k);
    for (let j = 0; j < k; j++) {
      let crossTerm = 0;
      let deltaNorm = 0;
      for (let c = 0; c < d; c++) {
        const delta = deltas[j * d + c]!;
        crossTerm += stats.S[j * d + c]! * delta;
        deltaNorm += delta * delta;
      }
      const variance = (stats.Q[j]! - 2 * crossTerm + stats.N[j]! * deltaNorm) / (d * nk[j]!) + regCovar;
      if (!(variance > 0 && Number.isFinite(variance))) {
        throw new IllDefinedCovarianceError(j, `variance ${variance}`);
      }
      covariances[j] = variance;
      precChol[j] = 1 / Math.sqrt(variance);
    }
    return { covariances, precChol };
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
};
