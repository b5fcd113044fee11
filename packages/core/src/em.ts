/** The EM loop of one restart (sklearn's fit_predict inner loop). It never names a covariance type. */
import { createStats } from '@gmm/kernel';
import type { CovarianceModule } from './covariance/index.js';
import type { ComponentReset, Recovery } from './degenerate.js';
import { estimateParameters, factorised } from './m-step.js';
import type { FittedParams, MixtureParams } from './params.js';
import type { SessionPool } from './sessions.js';

export interface EmSettings {
  readonly tol: number;
  readonly maxIter: number;
  readonly regCovar: number;
}

/** One EM iteration: the lower bound of the parameters it started from, and the parameters it produced. */
export interface EmIteration {
  readonly iteration: number;
  readonly lowerBound: number;
  readonly params: FittedParams;
  readonly converged: boolean;
  /** Components re-seeded or dropped after this iteration's M-step. */
  readonly resets: readonly ComponentReset[];
}

/** The outcome of one restart. */
export interface EmRun {
  readonly params: FittedParams;
  readonly lowerBound: number;
  readonly lowerBounds: number[];
  readonly nIter: number;
  readonly converged: boolean;
}

/**
 * Runs EM from `start`: each iteration is one fused kernel E-step over all rows (Σ log p and the shifted
 * statistics; rows with missing values through their marginals, see SessionPool.eStep) and one M-step; the
 * lower bound is the mean log-likelihood of the parameters before the M-step (Σ w log p / Σ w with sample weights); it stops when the lower bound changes by less than tol, never on an iteration that re-seeded or
 * dropped a component. With `recovery` undefined a degenerate covariance throws (onDegenerate: 'error').
 * Yields after every iteration.
 */
export async function* runEm(
  sessions: SessionPool,
  module: CovarianceModule,
  start: MixtureParams,
  startLowerBound: number,
  settings: EmSettings,
  recovery: Recovery | undefined,
): AsyncGenerator<EmIteration, EmRun> {
  const lowerBounds: number[] = [];
  let params: MixtureParams = start;
  let fitted: FittedParams | undefined;
  let lowerBound = startLowerBound;
  let converged = false;
  for (let iteration = 1; iteration <= settings.maxIter; iteration++) {
    // A dropped component changes k, and with it the session and the statistics' sizes.
    const k = params.weights.length;
    const d = sessions.matrix.cols;
    const stats = createStats(module.type, k, d);
    const previous = lowerBound;
    lowerBound = (await sessions.eStep(module, params, stats)) / sessions.totalWeight;
    lowerBounds.push(lowerBound);
    const estimate = estimateParameters(module, stats, params.means, k, d, settings.regCovar);
    const step = recovery ? recovery.apply(estimate) : { params: factorised(module, estimate, k, d), resets: [] };
    fitted = step.params;
    params = fitted;
    converged = step.resets.length === 0 && Math.abs(lowerBound - previous) < settings.tol;
    yield { iteration, lowerBound, params: fitted, converged, resets: step.resets };
    if (converged) break;
  }
  // maxIter >= 1 (validated), so at least one M-step ran.
  return { params: fitted!, lowerBound, lowerBounds, nIter: lowerBounds.length, converged };
}
