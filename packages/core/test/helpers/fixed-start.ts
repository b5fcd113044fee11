import type { CovarianceType, FitOptions } from '../../src/index.js';

/** Identity precisions in the shape `precisionsInit` takes for the type (the fixtures' start). */
export function identityPrecisions(type: CovarianceType, k: number, d: number): number[] | number[][] | number[][][] {
  const identity = (): number[][] =>
    Array.from({ length: d }, (_, r) => Array.from({ length: d }, (_, c) => (r === c ? 1 : 0)));
  switch (type) {
    case 'full':
      return Array.from({ length: k }, identity);
    case 'tied':
      return identity();
    case 'diag':
      return Array.from({ length: k }, () => new Array<number>(d).fill(1));
    case 'spherical':
      return new Array<number>(k).fill(1);
  }
}

/**
 * The scikit-learn fixtures' start: the given means, weights 1/k, identity precisions, reg_covar 1e-6,
 * tol 0 so that exactly `maxIter` EM iterations run.
 */
export function fixedStart(type: CovarianceType, means: number[][], maxIter = 20): FitOptions {
  const k = means.length;
  const d = means[0]?.length ?? 0;
  return {
    nComponents: k,
    covarianceType: type,
    meansInit: means,
    weightsInit: new Array<number>(k).fill(1 / k),
    precisionsInit: identityPrecisions(type, k, d),
    regCovar: 1e-6,
    tol: 0,
    maxIter,
  };
}
