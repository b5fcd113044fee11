/** Every message between the page and the fit worker, in one place. */
import type { Candidate, CovarianceType, Criterion, GaussianMixtureJSON, InitParams, MissingValues, Reset } from '@gmm/core';
import type { ViewComponent } from '../view/components.js';
import type { FitThreads } from './threads.js';

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
  /** Core's missing option: 'em' fits NaN entries as missing values. */
  missing: MissingValues;
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
  | { type: 'load'; runId: number; json: string }
  /** Predict the other fitted column from column `inputDim` over `domain` (undefined: stop). */
  | { type: 'predict'; request: PredictRequest | undefined }
  /** The pointer's value of the input column (undefined: the pointer left the plot). */
  | { type: 'condition'; x: number | undefined };

export interface PredictRequest {
  inputDim: number;
  domain: [number, number];
}

/** E[y | x] and Var[y | x] over a grid of x (Gaussian mixture regression of the shown model). */
export interface RegressionCurve {
  /** The update (serial) whose model this was computed from. */
  serial: number;
  xs: Float64Array;
  mean: Float64Array;
  variance: Float64Array;
}

/** p(y | x) at the pointer's x: a 1-D mixture, with its mean and variance. */
export interface Conditional {
  serial: number;
  x: number;
  weights: number[];
  means: number[];
  variances: number[];
  mean: number;
  variance: number;
}

/** The fit as the page draws it, after an iteration or at the end. */
export interface FitUpdate {
  type: 'update';
  runId: number;
  /** Numbers every update the worker sends, so results computed from its model can be matched to it. */
  serial: number;
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
  /** The threads the fit's E-step runs on (undefined for a loaded model). */
  threads?: FitThreads;
  components: ViewComponent[];
  /** rows × k, row-major; a row with missing values from its observed coordinates. */
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
  | { type: 'selectDone'; runId: number; criterion: Criterion; candidates: Candidate[]; best: Candidate }
  | { type: 'regression'; curve: RegressionCurve }
  | { type: 'conditional'; conditional: Conditional | undefined };
