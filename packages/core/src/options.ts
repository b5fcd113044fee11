/** Fit options: one defaults object, resolved and validated in one place before any work. */
import { KERNEL_DTYPES, type Kernel, type KernelDtype } from '@gmm/kernel';
import { COVARIANCE_MODULES, COVARIANCE_TYPES, type CovarianceType } from './covariance/index.js';
import { expectFeatures, type Matrix } from './data.js';
import { describe, ValidationError } from './errors.js';
import { INIT_PARAMS, type InitParams, type InitSettings } from './init/index.js';
import { GaussianMixture, stateOf } from './model.js';
import type { ModelState } from './model-state.js';
import { readNested } from './nested.js';
import { resolveSampleWeight } from './sample-weight.js';
import { integerInRange, kernelValue, nonNegativeNumber, oneOf, seedValue } from './validate.js';

export interface FitOptions {
  /** Number of mixture components (default 1, as sklearn). */
  nComponents?: number;
  covarianceType?: CovarianceType;
  /** Convergence threshold on the change of the mean log-likelihood (>= 0; 0 runs exactly maxIter iterations). */
  tol?: number;
  /** Added to the diagonal of every covariance (>= 0). */
  regCovar?: number;
  maxIter?: number;
  /** Restarts; the one with the highest final lower bound is kept. */
  nInit?: number;
  initParams?: InitParams;
  /** Length k, each >= 0, summing to 1 (within 1e-6). */
  weightsInit?: number[];
  /** k × d. */
  meansInit?: number[][];
  /** Positive-definite precisions: spherical k, tied d×d, diag k×d, full k×d×d. */
  precisionsInit?: number[] | number[][] | number[][][];
  /** Seed of the fit's random stream (integer 0..2³²−1). The default 0 makes every fit deterministic. */
  seed?: number;
  /** Continue from this model's parameters (sklearn's warm_start): one restart, the lower bound continues. */
  warmStart?: GaussianMixture;
  /** One name per feature, remembered by the model. */
  featureNames?: string[];
  /** The kernel to run on (default: the WebAssembly kernel). */
  kernel?: Kernel;
  /**
   * Threads of the E-step (default: the available cores; 1 = one thread, no worker). Rows are split into this
   * many ranges whose statistics are added in a fixed order: the same value gives the same model on every run.
   * Kernels without threads (the reference kernel), or pages without SharedArrayBuffer, run on one thread.
   */
  threads?: number;
  /**
   * How the E-step stores and computes the data (default 'float64'). 'float32' halves the kernel memory of the data
   * and runs the hot loop four rows per SIMD vector (f32) instead of two, with the statistics and the log-likelihood
   * summed in f64; each column is centred before rounding, so a large offset costs no precision. The fitted model
   * and everything computed from it afterwards are float64. Not an option of fitChunked.
   */
  dtype?: Dtype;
  /**
   * One weight per row (finite, >= 0, not all zero): a row of weight w counts as w copies of itself in the
   * E-step statistics, the lower bound (Σ w log p / Σ w) and the initialisation.
   */
  sampleWeight?: number[] | Float64Array;
  /**
   * What to do with a degenerate component (a covariance that cannot be factorised, a collapse onto
   * identical rows, less than one point): 'recover' re-seeds it at the worst-explained row or drops it
   * (recorded in `model.resets`); 'error' throws IllDefinedCovarianceError like scikit-learn.
   */
  onDegenerate?: OnDegenerate;
  /**
   * NaN entries of X: 'error' rejects them (naming row and column); 'em' treats them as missing values and
   * fits by EM on each row's observed coordinates (Ghahramani & Jordan 1994). ±Infinity is always an error.
   */
  missing?: MissingValues;
}

export type Dtype = KernelDtype;

export const DTYPES: readonly Dtype[] = KERNEL_DTYPES;

export type OnDegenerate = 'recover' | 'error';

export const ON_DEGENERATE: readonly OnDegenerate[] = ['recover', 'error'];

export type MissingValues = 'error' | 'em';

export const MISSING_VALUES: readonly MissingValues[] = ['error', 'em'];

export const DEFAULTS = {
  nComponents: 1,
  covarianceType: 'full',
  tol: 1e-3,
  regCovar: 1e-6,
  maxIter: 100,
  nInit: 1,
  initParams: 'kmeans',
  seed: 0,
  onDegenerate: 'recover',
  missing: 'error',
  dtype: 'float64',
} as const satisfies Partial<FitOptions>;

export const FIT_OPTION_KEYS = [
  'nComponents',
  'covarianceType',
  'tol',
  'regCovar',
  'maxIter',
  'nInit',
  'initParams',
  'weightsInit',
  'meansInit',
  'precisionsInit',
  'seed',
  'warmStart',
  'featureNames',
  'kernel',
  'threads',
  'onDegenerate',
  'sampleWeight',
  'missing',
  'dtype',
] as const satisfies readonly (keyof FitOptions)[];

export interface ResolvedFitOptions extends InitSettings {
  readonly covarianceType: CovarianceType;
  readonly tol: number;
  readonly maxIter: number;
  readonly nInit: number;
  readonly seed: number;
  readonly warmStart?: ModelState;
  readonly featureNames?: readonly string[];
  readonly kernel?: Kernel;
  /** undefined: the available cores. */
  readonly threads?: number;
  readonly onDegenerate: OnDegenerate;
  readonly missing: MissingValues;
  readonly dtype: Dtype;
}

/** sklearn's tolerance on Σ weightsInit. */
const WEIGHT_SUM_TOLERANCE = 1e-6;

function shapeFailure(parameter: string) {
  return (expected: string, received: string): never => {
    throw new ValidationError(parameter, expected, received);
  };
}

function resolveWeights(value: unknown, k: number): Float64Array {
  const weights = readNested(value, [k], 'weightsInit', shapeFailure('weightsInit'));
  weights.forEach((w, j) => {
    if (w < 0) throw new ValidationError('weightsInit', 'weights >= 0', `weightsInit[${j}] = ${w}`);
  });
  const sum = weights.reduce((a, b) => a + b, 0);
  if (Math.abs(sum - 1) > WEIGHT_SUM_TOLERANCE) {
    throw new ValidationError('weightsInit', `weights summing to 1 (within ${WEIGHT_SUM_TOLERANCE})`, `a sum of ${sum}`);
  }
  return weights;
}

function resolveFeatureNames(value: unknown, d: number): readonly string[] {
  if (!Array.isArray(value) || value.length !== d || !value.every((name) => typeof name === 'string')) {
    throw new ValidationError('featureNames', `an array of ${d} strings (one per feature)`, describe(value));
  }
  return [...(value as string[])];
}

/** 1 ≤ k ≤ n: every component needs a sample to start from. */
export function resolveComponents(value: unknown, samples: number, parameter = 'nComponents'): number {
  if (typeof value !== 'number' || !Number.isInteger(value) || value < 1 || value > samples) {
    throw new ValidationError(parameter, `an integer between 1 and the number of samples (${samples})`, describe(value));
  }
  return value;
}

/** The model to continue from; its component count and covariance type win, and must not be contradicted. */
function resolveWarmStart(options: Record<string, unknown>, X: Matrix): ModelState {
  const model = options.warmStart;
  if (!(model instanceof GaussianMixture)) {
    throw new ValidationError('warmStart', 'a fitted GaussianMixture', describe(model));
  }
  expectFeatures(X, model.nFeatures);
  for (const name of ['nComponents', 'covarianceType'] as const) {
    if (options[name] !== undefined && options[name] !== model[name]) {
      throw new ValidationError(name, `${describe(model[name])}, as the warmStart model`, describe(options[name]));
    }
  }
  for (const name of ['weightsInit', 'meansInit', 'precisionsInit'] as const) {
    if (options[name] !== undefined) {
      throw new ValidationError(name, 'absent when warmStart is given (the model supplies the start)', 'a value');
    }
  }
  return stateOf(model);
}

export function resolveMissing(value: unknown): MissingValues {
  return oneOf('missing', value ?? DEFAULTS.missing, MISSING_VALUES);
}

/** Validates every option against the data and fills in the defaults. Throws before any work is done. */
export function resolveFitOptions(options: Record<string, unknown>, X: Matrix): ResolvedFitOptions {
  const tol = nonNegativeNumber('tol', options.tol ?? DEFAULTS.tol);
  const regCovar = nonNegativeNumber('regCovar', options.regCovar ?? DEFAULTS.regCovar);
  const maxIter = integerInRange('maxIter', options.maxIter ?? DEFAULTS.maxIter, 1);
  const initParams = oneOf('initParams', options.initParams ?? DEFAULTS.initParams, INIT_PARAMS);
  const seed = seedValue('seed', options.seed ?? DEFAULTS.seed);
  const requestedInits = integerInRange('nInit', options.nInit ?? DEFAULTS.nInit, 1);
  const kernel = options.kernel === undefined ? undefined : kernelValue(options.kernel);
  const threads = options.threads === undefined ? undefined : integerInRange('threads', options.threads, 1);
  const onDegenerate = oneOf('onDegenerate', options.onDegenerate ?? DEFAULTS.onDegenerate, ON_DEGENERATE);
  const sampleWeight = options.sampleWeight === undefined ? undefined : resolveSampleWeight(options.sampleWeight, X.rows);
  const missing = resolveMissing(options.missing);
  const dtype = oneOf('dtype', options.dtype ?? DEFAULTS.dtype, DTYPES);
  const warmStart = options.warmStart === undefined ? undefined : resolveWarmStart(options, X);
  // sklearn: a warm start is a single continuation, whatever nInit says.
  const nInit = warmStart ? 1 : requestedInits;
  const covarianceType = warmStart?.covarianceType ??
    oneOf('covarianceType', options.covarianceType ?? DEFAULTS.covarianceType, COVARIANCE_TYPES);
  // Rows of weight 0 are absent from the fit: they cannot start a component.
  const samples = sampleWeight ? sampleWeight.reduce((count, w) => count + Number(w > 0), 0) : X.rows;
  const k = warmStart?.nComponents ?? resolveComponents(options.nComponents ?? DEFAULTS.nComponents, samples);
  const d = X.cols;
  const featureNames = options.featureNames === undefined ? warmStart?.featureNames : resolveFeatureNames(options.featureNames, d);

  const module = COVARIANCE_MODULES[covarianceType];
  const weightsInit = options.weightsInit === undefined ? undefined : resolveWeights(options.weightsInit, k);
  const meansInit =
    options.meansInit === undefined ? undefined : readNested(options.meansInit, [k, d], 'meansInit', shapeFailure('meansInit'));
  const precisionsInit =
    options.precisionsInit === undefined
      ? undefined
      : readNested(options.precisionsInit, module.nestedShape(k, d), 'precisionsInit', shapeFailure('precisionsInit'));
  const precCholInit = precisionsInit && module.factorPrecisions(precisionsInit, k, d, shapeFailure('precisionsInit'));

  return {
    nComponents: k,
    covarianceType,
    tol,
    regCovar,
    maxIter,
    nInit,
    initParams,
    seed,
    weightsInit,
    meansInit,
    precCholInit,
    warmStart,
    featureNames,
    kernel,
    threads,
    onDegenerate,
    sampleWeight,
    missing,
    dtype,
  };
}

