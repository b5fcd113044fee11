/** Parameter counts and information criteria (lower is better). */
import { COVARIANCE_MODULES, type CovarianceType } from './covariance/index.js';

/** Free parameters of a mixture: covariances + k·d means + (k − 1) weights. */
export function mixtureParameterCount(type: CovarianceType, k: number, d: number): number {
  return COVARIANCE_MODULES[type].parameterCount(k, d) + k * d + k - 1;
}

export function bicFrom(logLikelihood: number, nParameters: number, samples: number): number {
  return -2 * logLikelihood + nParameters * Math.log(samples);
}

export function aicFrom(logLikelihood: number, nParameters: number): number {
  return -2 * logLikelihood + 2 * nParameters;
}

/**
 * Integrated completed likelihood (Biernacki, Celeux & Govaert 2000) as BIC + 2·entropy of the
 * classification (lower is better, like our BIC; mclust reports it with the opposite sign).
 */
export function iclFrom(bic: number, entropy: number): number {
  return bic + 2 * entropy;
}
