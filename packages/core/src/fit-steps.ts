import type { Kernel } from '@gmm/kernel';
import { COVARIANCE_MODULES } from './covariance/index.js';
import type { DataInput } from './data.js';
import type { Reset } from './degenerate.js';
import { createModel, type GaussianMixture } from './model.js';
import { toNested } from './nested.js';
import type { FitOptions, ResolvedFitOptions } from './options.js';
import { openSessions, openThreads, prepareFit } from './prepare.js';
import { runRestarts, type RestartIteration } from './restarts.js';
import type { Covariances } from './serialize.js';
import type { SessionPool } from './sessions.js';

/** One EM iteration as seen from outside (e.g. to animate a fit). */
export interface FitStep {
  /** Restart index, from 0. */
  init: number;
  /** Iteration within the restart, from 1. */
  iteration: number;
  /** Mean log-likelihood of the parameters before this iteration's M-step. */
  lowerBound: number;
  /** Parameters after this iteration's M-step (means and covariances built when first read). */
  weights: number[];
  readonly means: number[][];
  readonly covariances: Covariances;
  /** Whether this iteration met the tolerance (the restart ends here). */
  converged: boolean;
  /** The mixture with this iteration's parameters, to score or label the data mid-fit (built when first read). */
  readonly model: GaussianMixture;
  /** Degenerate components this iteration re-seeded or dropped (onDegenerate 'recover'). */
  resets: Reset[];
  /** Threads the E-step runs on: the calling thread plus its workers (1 without workers). */
  threads: number;
}

/**
 * The step of one iteration. Its parameters in nested arrays and its model are built when first read: a caller that
 * only times or counts the iterations does not pay for them (0.15–0.2 ms an iteration at k = 16, d = 32).
 */
function toFitStep(
  step: RestartIteration,
  lowerBounds: readonly number[],
  options: ResolvedFitOptions,
  d: number,
  kernel: Kernel | undefined,
  threads: number,
): FitStep {
  const { covarianceType } = options;
  // A dropped degenerate component leaves fewer than nComponents.
  const k = step.params.weights.length;
  let means: number[][] | undefined;
  let covariances: Covariances | undefined;
  let model: GaussianMixture | undefined;
  return {
    init: step.init,
    iteration: step.iteration,
    lowerBound: step.lowerBound,
    weights: Array.from(step.params.weights),
    get means() {
      return (means ??= toNested(step.params.means, [k, d]) as number[][]);
    },
    get covariances() {
      return (covariances ??= toNested(step.params.covariances, COVARIANCE_MODULES[covarianceType].nestedShape(k, d)) as Covariances);
    },
    converged: step.converged,
    get model() {
      return (model ??= createModel(
        {
          covarianceType,
          nComponents: k,
          nFeatures: d,
          params: step.params,
          converged: step.converged,
          nIter: step.iteration,
          lowerBound: step.lowerBound,
          lowerBounds,
          featureNames: options.featureNames,
        },
        kernel,
      ));
    },
    resets: step.resets.map((reset) => ({ init: step.init, iteration: step.iteration, ...reset })),
    threads,
  };
}

/** The fit of `fit`, yielding after every EM iteration of every restart; returns the model. */
export async function* fitSteps(X: DataInput, options?: FitOptions): AsyncGenerator<FitStep, GaussianMixture> {
  const { matrix, options: resolved, kernel } = await prepareFit(X, options);
  const threads = await openThreads(kernel, resolved.threads, matrix.rows);
  let sessions: SessionPool | undefined;
  try {
    sessions = openSessions(kernel, matrix, resolved, threads);
    const run = runRestarts(matrix, sessions, resolved);
    let lowerBounds: number[] = [];
    let step = await run.next();
    while (!step.done) {
      if (step.value.iteration === 1) lowerBounds = [];
      lowerBounds.push(step.value.lowerBound);
      yield toFitStep(step.value, [...lowerBounds], resolved, matrix.cols, kernel, threads?.count ?? 1);
      step = await run.next();
    }
    return createModel(step.value, kernel);
  } finally {
    // Also runs when the consumer stops early: the kernel memory and the workers are always released.
    sessions?.dispose();
    await threads?.dispose();
  }
}
