/** A whole fit: nInit restarts of EM on one kernel session, keeping the best (sklearn's fit_predict). */
import { COVARIANCE_MODULES } from './covariance/index.js';
import type { Matrix } from './data.js';
import { dataScale, Recovery, type Reset } from './degenerate.js';
import { runEm, type EmIteration, type EmRun } from './em.js';
import { initialParameters } from './init/index.js';
import { initialRows } from './missing/initial-rows.js';
import { factorised } from './m-step.js';
import type { ModelState } from './model-state.js';
import type { ResolvedFitOptions } from './options.js';
import { Random } from './random.js';
import type { SessionPool } from './sessions.js';

/** An EM iteration of restart `init` (0-based). */
export interface RestartIteration extends EmIteration {
  readonly init: number;
}

/** Re-seeds allowed per restart and initial component before degenerate components are dropped instead. */
const RESEEDS_PER_COMPONENT = 10;

/**
 * Runs the restarts, yielding every iteration, and returns the state of the restart with the highest
 * final lower bound (the first on ties). One random stream, seeded by `seed`, serves all restarts in order.
 * With onDegenerate 'recover', each restart re-seeds or drops degenerate components (recorded in `resets`).
 */
export async function* runRestarts(
  X: Matrix,
  sessions: SessionPool,
  options: ResolvedFitOptions,
): AsyncGenerator<RestartIteration, ModelState> {
  const module = COVARIANCE_MODULES[options.covarianceType];
  const rng = Random.fromSeed(options.seed);
  // With missing values the kernel holds the complete rows only; the initialisation runs on initial.matrix.
  const complete = sessions.matrix;
  const initial = initialRows(X, complete, sessions.sampleWeight, options.sampleWeight, options.nComponents);
  const scale = options.onDegenerate === 'recover' ? dataScale(initial.matrix, module, options.regCovar) : undefined;
  let best: { run: EmRun; resets: Reset[] } | undefined;
  for (let init = 0; init < options.nInit; init++) {
    const k = options.nComponents;
    const recovery = scale && new Recovery(module, complete, sessions, options.regCovar, scale, RESEEDS_PER_COMPONENT * k);
    const resets: Reset[] = [];
    const start =
      options.warmStart?.params ??
      initialParameters(initial.matrix, { ...options, sampleWeight: initial.sampleWeight }, module, rng, (estimate) => {
        if (!recovery) return factorised(module, estimate, k, X.cols);
        const repaired = recovery.apply(estimate, false);
        resets.push(...repaired.resets.map((reset) => ({ init, iteration: 0, ...reset })));
        return repaired.params;
      });
    const run = runEm(sessions, module, start, options.warmStart?.lowerBound ?? -Infinity, options, recovery);
    let step = await run.next();
    while (!step.done) {
      const { iteration } = step.value;
      resets.push(...step.value.resets.map((reset) => ({ init, iteration, ...reset })));
      yield { init, ...step.value };
      step = await run.next();
    }
    if (best === undefined || step.value.lowerBound > best.run.lowerBound) best = { run: step.value, resets };
  }
  const { run, resets } = best!;
  return {
    covarianceType: options.covarianceType,
    nComponents: run.params.weights.length,
    nFeatures: X.cols,
    params: run.params,
    converged: run.converged,
    nIter: run.nIter,
    lowerBound: run.lowerBound,
    lowerBounds: run.lowerBounds,
    featureNames: options.featureNames,
    ...(resets.length > 0 && { resets }),
  };
}
