/** The "predict y from x" numbers, from core: regression over a grid, and the conditional mixture at one x. */
import type { GaussianMixture } from '@gmm/core';
import { gridPoints } from '../view/conditional.js';
import type { Conditional, PredictRequest, RegressionCurve } from './messages.js';

/** Enough points for a smooth curve across the plot; regress costs O(points · k). */
export const REGRESSION_POINTS = 200;

export function regressionCurve(model: GaussianMixture, serial: number, { inputDim, domain }: PredictRequest): RegressionCurve {
  const xs = gridPoints(domain, REGRESSION_POINTS);
  const regression = model.regress({ data: xs, rows: xs.length, cols: 1 }, [inputDim]);
  // One output dimension: the mean is n × 1 and the covariance n × 1 × 1.
  return { serial, xs, mean: regression.mean.data, variance: regression.covariance };
}

export function conditionalAt(model: GaussianMixture, serial: number, inputDim: number, x: number): Conditional {
  const mixture = model.condition([inputDim], [x]);
  const regression = model.regress([[x]], [inputDim]);
  return {
    serial,
    x,
    weights: [...mixture.weights],
    means: mixture.means.map((mean) => mean[0]!),
    variances: mixture.weights.map((_, j) => mixture.componentCovariance(j)[0]![0]!),
    mean: regression.mean.data[0]!,
    variance: regression.covariance[0]!,
  };
}
