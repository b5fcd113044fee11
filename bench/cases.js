// The benchmark cases and the fixed start every fit (WASM, reference, scikit-learn, the browser page) begins from.
// Plain browser-safe JavaScript: apps/web's benchmark page imports it too.
import { syntheticMixture } from '@gmm/datasets';

export const TYPES = ['full', 'tied', 'diag', 'spherical'];
export const CASES = [
  { name: 'd8', n: 100_000, d: 8, k: 8 },
  { name: 'd32', n: 100_000, d: 32, k: 16 },
  { name: 'd2', n: 1_000_000, d: 2, k: 5 },
];
export const ITERATIONS = 20;
export const DATA_SEED = 2024;
/** gmm's default (and sklearn's): passed explicitly to both sides so a changed default cannot skew the comparison. */
export const REG_COVAR = 1e-6;

/** The cases to run: all, or the one named by --case; --quick divides n by 10. */
export function selectCases({ quick, filter }) {
  return CASES.filter((c) => filter === undefined || c.name === filter).map((c) => (quick ? { ...c, n: c.n / 10 } : c));
}

/** k evenly spaced data rows (rows ⌊j·n/k⌋) as the starting means. */
export function evenlySpacedMeans(X, k) {
  return Array.from({ length: k }, (_, j) => {
    const row = Math.floor((j * X.rows) / k);
    return Array.from(X.data.subarray(row * X.cols, (row + 1) * X.cols));
  });
}

/** A case's data (syntheticMixture with the given seed) and its fixed start: means as above, weights 1/k. */
export function generateCase({ n, d, k }, seed) {
  const { data, rows, cols } = syntheticMixture({ k, d, n, seed });
  const X = { data, rows, cols };
  return { X, start: { meansInit: evenlySpacedMeans(X, k), weightsInit: new Array(k).fill(1 / k) } };
}

/** Identity precisions in the nested shape of the covariance type. */
export function identityPrecisions(type, k, d) {
  const identity = () => Array.from({ length: d }, (_, r) => Array.from({ length: d }, (_, c) => (r === c ? 1 : 0)));
  switch (type) {
    case 'full':
      return Array.from({ length: k }, identity);
    case 'tied':
      return identity();
    case 'diag':
      return Array.from({ length: k }, () => new Array(d).fill(1));
    case 'spherical':
      return new Array(k).fill(1);
    default:
      throw new Error(`covariance type: expected one of ${TYPES.join(', ')}, received "${type}"`);
  }
}

/** gmm fit options for the fixed start: the given means, weights 1/k, identity precisions, exactly 20 iterations. */
export function fixedStartOptions({ meansInit, weightsInit }, type) {
  const k = meansInit.length;
  return {
    nComponents: k,
    covarianceType: type,
    meansInit,
    weightsInit,
    precisionsInit: identityPrecisions(type, k, meansInit[0].length),
    regCovar: REG_COVAR,
    tol: 0,
    maxIter: ITERATIONS,
  };
}
