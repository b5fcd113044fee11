/** A whole fit: nInit restarts of EM on one kernel session, keeping the best (sklearn's fit_predict). */
import type { KernelSession } from '@gmm/kernel';
import { COVARIANCE_MODULES } from './covariance/index.js';
import type { Matrix } from './data.js';
import { runEm, type EmIteration, type EmRun } from './em.js';
import { initialParameters } from './init/index.js';
import type { ModelState } from './model-state.js';
import type { ResolvedFitOptions } from './options.js';
import { Random } from './random.js';

/** An EM iteration of restart `init` (0-based). */
export interface RestartIteration extends EmIteration {
  readonly init: number;
}

/**
 * Runs the restarts, yielding every iteration, and returns the state of the restart with the highest
 * final lower bound (the first on ties). One random stream, seeded by `seed`, serves all restarts in order.
 */
export function* runRestarts(
  X: Matrix,
  session: KernelSession,
  options: ResolvedFitOptions,
): Generator<RestartIteration, ModelState> {
  const module = COVARIANCE_MODULES[options.covarianceType];
  const rng = Random.fromSeed(options.seed);
  let best: EmRun | undefined;
  for (let init = 0; init < options.nInit; init++) {
    const start = options.warmStart?.params ?? initialParameters(X, options, module, rng);
    const run = runEm(session, module, start, options.warmStart?.lowerBound ?? -Infinity, options);
    let step = run.next();
    while (!step.done) {
      yield { init, ...step.value };
      step = run.next();
    }
    if (best === undefined || step.value.lowerBound > best.lowerBound) best = step.value;
  }
  return {
    covarianceType: options.covarianceType,
    nComponents: options.nComponents,
    nFeatures: X.cols,
    params: best!.params,
    converged: best!.converged,
    nIter: best!.nIter,
    lowerBound: best!.lowerBound,
    lowerBounds: best!.lowerBounds,
    featureNames: options.featureNames,
  };
}
