/** Every message between the page and the fit worker, in one place. */
import type { Candidate, CovarianceType, Criterion, GaussianMixtureJSON, InitParams, Reset } from '@gmm/core';
import type { ViewComponent } from '../view/components.js';

/** The fit controls as core's FitOptions (values as typed; core validates them and names the bad one). */
export interface FitSettings {
  nComponents: number;
  covarianceType: CovarianceType;
  initParams: InitParams;
  nInit: number;
  seed: number;
  tol: number;
  maxIter: number;
  regCovar: number;
}

export interface WorkerData {
  data: Float64Array;
  rows: number;
  cols: number;
  columns: string[];
}

export type ToWorker =
  | { type: 'data'; dataset: WorkerData }
  /** Run the fit to the end (a new one when the settings differ from the current fit's, or it has finished). */
  | { type: 'fit'; runId: number; settings: FitSettings }
  /** One EM iteration of the current fit, starting a new fit where `fit` would. */
  | { type: 'step'; runId: number; settings: FitSettings }
  /** Iterate with `intervalMs` between iterations until paused or finished. */
  | { type: 'play'; runId: number; settings: FitSettings; intervalMs: number }
  | { type: 'speed'; intervalMs: number }
  /** Stop iterating; the fit stays where it is (Step / Play continue it). */
  | { type: 'pause' }
  /** Forget the current fit. */
  | { type: 'reset' }
  | { type: 'select'; runId: number; settings: FitSettings; criterion: Criterion }
  | { type: 'load'; runId: number; json: string };

/** The fit as the page draws it, after an iteration or at the end. */
export interface FitUpdate {
  type: 'update';
  runId: number;
  covarianceType: CovarianceType;
  /** Restart (from 0) and iteration within it (from 1); iteration 0 for a loaded model. */
  init: number;
  nInit: number;
  iteration: number;
  /** The current restart's mean log-likelihood per iteration. */
  lowerBounds: number[];
  converged: boolean;
  /** True when the fit has ended (converged or maxIter): `model` is then the fitted model. */
  finished: boolean;
  /** Wall time of the last EM iteration, milliseconds. */
  msPerIteration: number;
  components: ViewComponent[];
  /** rows × k, row-major. */
  responsibilities: Float64Array;
  model?: GaussianMixtureJSON;
  /** Whether the worker keeps iterating after this update. */
  running: boolean;
  /** Degenerate components re-seeded or dropped: the current restart's so far, the fitted model's at the end. */
  resets: Reset[];
}

export type FromWorker =
  | FitUpdate
  | { type: 'stopped'; runId: number }
  | { type: 'error'; runId: number; message: string; hint: string }
  | { type: 'selectProgress'; runId: number; done: number; total: number; candidate: Candidate }
  | { type: 'selectDone'; runId: number; criterion: Criterion; candidates: Candidate[]; best: Candidate };
