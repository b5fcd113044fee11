/** A fitted component as the views use it, and its marginal on the shown columns. */

export interface ViewComponent {
  weight: number;
  mean: number[];
  /** Dense d×d covariance (from core's componentCovariance, whatever the covariance type). */
  covariance: number[][];
}

/**
 * The component's marginal on the columns `dims` (a Gaussian's marginal keeps those entries of the mean and
 * that block of the covariance): what a plot of those columns shows when the fit used more of them.
 */
export function marginal(component: ViewComponent, dims: readonly number[]): ViewComponent {
  return {
    weight: component.weight,
    mean: dims.map((a) => component.mean[a]!),
    covariance: dims.map((a) => dims.map((b) => component.covariance[a]![b]!)),
  };
}
