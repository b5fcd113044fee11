/** The EM loop of one restart (sklearn's fit_predict inner loop). It never names a covariance type. */
import { createStats, type KernelSession } from '@gmm/kernel';
import type { CovarianceModule } from './covariance/index.js';
import { mStep } from './m-step.js';
import { toKernelParams, type FittedParams, type MixtureParams } from './params.js';

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
 * statistics) and one M-step; the lower bound is the mean log-likelihood of the parameters before the
 * M-step; it stops when the lower bound changes by less than tol. Yields after every iteration.
 */
export function* runEm(
  session: KernelSession,
  module: CovarianceModule,
  start: MixtureParams,
  startLowerBound: number,
  settings: EmSettings,
): Generator<EmIteration, EmRun> {
  const { rows: n, cols: d, k } = session;
  const stats = createStats(module.type, k, d);
  const lowerBounds: number[] = [];
  let params: MixtureParams = start;
  let fitted: FittedParams | undefined;
  let lowerBound = startLowerBound;
  let converged = false;
  for (let iteration = 1; iteration <= settings.maxIter; iteration++) {
    const previous = lowerBound;
    lowerBound = session.eStep(toKernelParams(params, d), 0, n, stats) / n;
    lowerBounds.push(lowerBound);
    fitted = mStep(module, stats, params.means, k, d, settings.regCovar);
    params = fitted;
    converged = Math.abs(lowerBound - previous) < settings.tol;
    yield { iteration, lowerBound, params: fitted, converged };
    if (converged) break;
  }
  // maxIter >= 1 (validated), so at least one M-step ran.
  return { params: fitted!, lowerBound, lowerBounds, nIter: lowerBounds.length, converged };
}
