/** The dense d×d covariance of one component, whatever the model's covariance type. */
import type { GaussianMixture } from '@gmm/core';

export function componentCovariance(model: GaussianMixture, component: number): number[][] {
  const d = model.nFeatures;
  const dense = (entry: (i: number, j: number) => number) =>
    Array.from({ length: d }, (_, i) => Array.from({ length: d }, (_, j) => entry(i, j)));
  switch (model.covarianceType) {
    case 'full':
      return (model.covariances as number[][][])[component]!.map((row) => [...row]);
    case 'tied':
      return (model.covariances as number[][]).map((row) => [...row]);
    case 'diag': {
      const variances = (model.covariances as number[][])[component]!;
      return dense((i, j) => (i === j ? variances[i]! : 0));
    }
    case 'spherical': {
      const variance = (model.covariances as number[])[component]!;
      return dense((i, j) => (i === j ? variance : 0));
    }
    default: {
      const unknown: never = model.covarianceType;
      throw new Error(`unknown covariance type ${String(unknown)}`);
    }
  }
}
