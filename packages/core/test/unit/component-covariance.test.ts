import { describe, expect, it } from 'vitest';
import { GaussianMixture, type CovarianceType } from '../../src/index.js';

// Hand-built models of each type with k = 2, d = 2; componentCovariance expands them to dense 2×2.
const covariances: Record<CovarianceType, unknown> = {
  full: [
    [[2, 0.5], [0.5, 1]],
    [[1, -0.2], [-0.2, 3]],
  ],
  tied: [[2, 0.5], [0.5, 1]],
  diag: [[2, 1], [4, 0.5]],
  spherical: [2, 0.25],
};
const expected: Record<CovarianceType, number[][][]> = {
  full: covariances.full as number[][][],
  tied: [covariances.tied as number[][], covariances.tied as number[][]],
  diag: [[[2, 0], [0, 1]], [[4, 0], [0, 0.5]]],
  spherical: [[[2, 0], [0, 2]], [[0.25, 0], [0, 0.25]]],
};

function model(type: CovarianceType): GaussianMixture {
  const precisionsCholesky = {
    full: expected.full.map(cholUpperOfInverse),
    tied: cholUpperOfInverse(expected.tied[0]!),
    diag: (covariances.diag as number[][]).map((row) => row.map((v) => 1 / Math.sqrt(v))),
    spherical: (covariances.spherical as number[]).map((v) => 1 / Math.sqrt(v)),
  }[type];
  return GaussianMixture.fromJSON({
    format: 'gmm-model', version: 1, covarianceType: type, nComponents: 2, nFeatures: 2,
    weights: [0.5, 0.5], means: [[0, 0], [1, 1]], covariances: covariances[type], precisionsCholesky,
    converged: true, nIter: 1, lowerBound: -1, lowerBounds: [-1],
  });
}

/** Upper U with U Uᵀ = Σ⁻¹ for a 2×2 Σ (U = (L⁻¹)ᵀ, Σ = L Lᵀ). */
function cholUpperOfInverse(cov: number[][]): number[][] {
  const l00 = Math.sqrt(cov[0]![0]!);
  const l10 = cov[1]![0]! / l00;
  const l11 = Math.sqrt(cov[1]![1]! - l10 * l10);
  return [[1 / l00, -l10 / (l00 * l11)], [0, 1 / l11]];
}

describe('GaussianMixture.componentCovariance', () => {
  it.each(Object.keys(covariances) as CovarianceType[])('expands %s covariances to dense d×d', (type) => {
    const m = model(type);
    expect([m.componentCovariance(0), m.componentCovariance(1)]).toEqual(expected[type]);
  });

  it('rejects a component out of range', () => {
    expect(() => model('full').componentCovariance(2)).toThrow(/component/);
  });
});
