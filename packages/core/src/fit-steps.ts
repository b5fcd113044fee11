import { COVARIANCE_MODULES } from './covariance/index.js';
import type { DataInput } from './data.js';
import { createModel, type GaussianMixture } from './model.js';
import { toNested } from './nested.js';
import type { FitOptions } from './options.js';
import { openSession, prepareFit } from './prepare.js';
import { runRestarts, type RestartIteration } from './restarts.js';
import type { Covariances } from './serialize.js';

/** One EM iteration as seen from outside (e.g. to animate a fit). */
export interface FitStep {
  /** Restart index, from 0. */
  init: number;
  /** Iteration within the restart, from 1. */
  iteration: number;
  /** Mean log-likelihood of the parameters before this iteration's M-step. */
  lowerBound: number;
  /** Parameters after this iteration's M-step. */
  weights: number[];
  means: number[][];
  covariances: Covariances;
  /** Whether this iteration met the tolerance (the restart ends here). */
  converged: boolean;
}

function toFitStep(step: RestartIteration, k: number, d: number, shape: number[]): FitStep {
  return {
    init: step.init,
    iteration: step.iteration,
    lowerBound: step.lowerBound,
    weights: Array.from(step.params.weights),
    means: toNested(step.params.means, [k, d]) as number[][],
    covariances: toNested(step.params.covariances, shape) as Covariances,
    converged: step.converged,
  };
}

/** The fit of `fit`, yielding after every EM iteration of every restart; returns the model. */
export async function* fitSteps(X: DataInput, options?: FitOptions): AsyncGenerator<FitStep, GaussianMixture> {
  const { matrix, options: resolved, kernel } = await prepareFit(X, options);
  const { nComponents: k, covarianceType } = resolved;
  const shape = COVARIANCE_MODULES[covarianceType].nestedShape(k, matrix.cols);
  const session = openSession(kernel, matrix, resolved);
  try {
    const run = runRestarts(matrix, session, resolved);
    let step = run.next();
    while (!step.done) {
      yield toFitStep(step.value, k, matrix.cols, shape);
      step = run.next();
    }
    return createModel(step.value, kernel);
  } finally {
    // Also runs when the consumer stops early: the kernel memory is always released.
    session.dispose();
  }
}
