/** Model selection over component counts × covariance types by BIC, AIC or ICL. */
import { loadKernel, type EStepThreads, type Kernel } from '@gmm/kernel';
import { COVARIANCE_TYPES, type CovarianceType } from './covariance/index.js';
import { aicFrom, bicFrom, iclFrom, mixtureParameterCount } from './criteria.js';
import { COVARIANCE_MODULES } from './covariance/index.js';
import type { DataInput, Matrix } from './data.js';
import { describe, IllDefinedCovarianceError, ValidationError } from './errors.js';
import { createModel, type GaussianMixture } from './model.js';
import { FIT_OPTION_KEYS, resolveComponents, resolveFitOptions, type FitOptions, type ResolvedFitOptions } from './options.js';
import { toKernelParams } from './params.js';
import { incompleteLikelihoodAndEntropy } from './missing/scoring.js';
import { drain, fitMatrix, openSessions, openThreads } from './prepare.js';
import { runRestarts } from './restarts.js';
import { likelihoodAndEntropy } from './scoring.js';
import { oneOf, optionsObject } from './validate.js';

export type Criterion = 'bic' | 'aic' | 'icl';

const CRITERIA: readonly Criterion[] = ['bic', 'aic', 'icl'];

/** The largest component count tried by default (capped by the number of samples). */
const DEFAULT_MAX_COMPONENTS = 9;

export interface Candidate {
  nComponents: number;
  covarianceType: CovarianceType;
  bic: number;
  aic: number;
  /** BIC + 2·entropy of the responsibilities. */
  icl: number;
  /** Mean log-likelihood per sample of the fitted model. */
  score: number;
  lowerBound: number;
  converged: boolean;
  nIter: number;
  /** Free parameters of the fitted model (fewer than for nComponents when a degenerate component was dropped). */
  nParameters: number;
  /** Degenerate components re-seeded or dropped while fitting (details in the model's `resets`). */
  resets: number;
  /** Why the fit failed (an ill-defined covariance); the criterion values are then NaN. */
  error?: string;
}

export interface SelectModelOptions
  extends Omit<FitOptions, 'nComponents' | 'covarianceType' | 'weightsInit' | 'meansInit' | 'precisionsInit' | 'warmStart'> {
  /** Component counts to try (default 1..9). */
  nComponents?: number[];
  /** Covariance types to try (default all four). */
  covarianceTypes?: CovarianceType[];
  criterion?: Criterion;
  /** Called after each candidate is fitted. */
  onProgress?: (done: number, total: number, candidate: Candidate) => void;
}

export interface ModelSelection {
  criterion: Criterion;
  /** Every candidate, best first; failed candidates last. */
  candidates: Candidate[];
  best: Candidate & { model: GaussianMixture };
}

const PER_CANDIDATE_KEYS = ['nComponents', 'covarianceType', 'weightsInit', 'meansInit', 'precisionsInit', 'warmStart'];
const SELECT_KEYS = [
  ...FIT_OPTION_KEYS.filter((key) => !PER_CANDIDATE_KEYS.includes(key)),
  'nComponents',
  'covarianceTypes',
  'criterion',
  'onProgress',
];

function nonEmptyArray(parameter: string, value: unknown, expected: string): unknown[] {
  if (!Array.isArray(value) || value.length === 0) throw new ValidationError(parameter, expected, describe(value));
  return value;
}

function componentCounts(value: unknown, samples: number): number[] {
  if (value === undefined) {
    return Array.from({ length: Math.min(DEFAULT_MAX_COMPONENTS, samples) }, (_, i) => i + 1);
  }
  const counts = nonEmptyArray('nComponents', value, 'a non-empty array of component counts');
  return counts.map((k, i) => resolveComponents(k, samples, `nComponents[${i}]`));
}

function covarianceTypes(value: unknown): CovarianceType[] {
  if (value === undefined) return [...COVARIANCE_TYPES];
  const types = nonEmptyArray('covarianceTypes', value, 'a non-empty array of covariance types');
  return types.map((type, i) => oneOf(`covarianceTypes[${i}]`, type, COVARIANCE_TYPES));
}

function failedCandidate(options: ResolvedFitOptions, nParameters: number, error: IllDefinedCovarianceError): Candidate {
  return {
    nComponents: options.nComponents,
    covarianceType: options.covarianceType,
    bic: NaN,
    aic: NaN,
    icl: NaN,
    score: NaN,
    lowerBound: NaN,
    converged: false,
    nIter: 0,
    nParameters,
    resets: 0,
    error: error.message,
  };
}

/** Lower criterion first; failed candidates (NaN) last; the grid order is kept between equals. */
function compareBy(criterion: Criterion) {
  return (a: Candidate, b: Candidate): number => {
    const x = a[criterion];
    const y = b[criterion];
    if (Number.isNaN(x) || Number.isNaN(y)) return Number(Number.isNaN(x)) - Number(Number.isNaN(y));
    return x - y;
  };
}

/** Fits one candidate; an ill-defined covariance is recorded, anything else propagates. */
async function fitCandidate(
  matrix: Matrix,
  options: ResolvedFitOptions,
  kernel: Kernel,
  threads: EStepThreads | undefined,
): Promise<{ candidate: Candidate; model?: GaussianMixture; error?: IllDefinedCovarianceError }> {
  const sessions = openSessions(kernel, matrix, options, threads);
  try {
    const state = await drain(runRestarts(matrix, sessions, options));
    const model = createModel(state, kernel);
    const session = sessions.get(state.nComponents);
    const complete = likelihoodAndEntropy(session, toKernelParams(state.params, matrix.cols), sessions.sampleWeight);
    const incomplete = incompleteLikelihoodAndEntropy(sessions.incomplete, COVARIANCE_MODULES[state.covarianceType], state.params, matrix.cols);
    const total = complete.logLikelihood + incomplete.logLikelihood;
    const entropy = complete.entropy + incomplete.entropy;
    const { nParameters } = model;
    // With sample weights the number of samples is their total.
    const samples = sessions.totalWeight;
    const bic = bicFrom(total, nParameters, samples);
    const candidate: Candidate = {
      nComponents: options.nComponents,
      covarianceType: options.covarianceType,
      bic,
      aic: aicFrom(total, nParameters),
      icl: iclFrom(bic, entropy),
      score: total / samples,
      lowerBound: state.lowerBound,
      converged: state.converged,
      nIter: state.nIter,
      nParameters,
      resets: model.resets.length,
    };
    return { candidate, model };
  } catch (error) {
    if (!(error instanceof IllDefinedCovarianceError)) throw error;
    return { candidate: failedCandidate(options, mixtureParameterCount(options.covarianceType, options.nComponents, matrix.cols), error), error };
  } finally {
    sessions.dispose();
  }
}

/**
 * Fits every (nComponents, covarianceType) pair with the same options and seed, and ranks them by the
 * criterion. Throws only when every candidate failed (the first failure).
 */
export async function selectModel(X: DataInput, options?: SelectModelOptions): Promise<ModelSelection> {
  const record = optionsObject('options', options, SELECT_KEYS);
  const matrix = fitMatrix(X, record.missing);
  const counts = componentCounts(record.nComponents, matrix.rows);
  const types = covarianceTypes(record.covarianceTypes);
  const criterion = oneOf('criterion', record.criterion ?? 'bic', CRITERIA);
  const onProgress = record.onProgress;
  if (onProgress !== undefined && typeof onProgress !== 'function') {
    throw new ValidationError('onProgress', 'a function', describe(onProgress));
  }
  const fitOptions = Object.fromEntries(Object.entries(record).filter(([key]) => FIT_OPTION_KEYS.some((k) => k === key)));
  const grid = types.flatMap((covarianceType) =>
    counts.map((nComponents) => resolveFitOptions({ ...fitOptions, nComponents, covarianceType }, matrix)),
  );
  const kernel = grid[0]!.kernel ?? (await loadKernel());

  const candidates: Candidate[] = [];
  const compare = compareBy(criterion);
  let best: { candidate: Candidate; model: GaussianMixture } | undefined;
  let firstError: IllDefinedCovarianceError | undefined;
  // One set of workers serves every candidate.
  const threads = await openThreads(kernel, grid[0]!.threads, matrix.rows);
  try {
    for (const candidateOptions of grid) {
      const { candidate, model, error } = await fitCandidate(matrix, candidateOptions, kernel, threads);
      candidates.push(candidate);
      firstError ??= error;
      if (model && (best === undefined || compare(candidate, best.candidate) < 0)) best = { candidate, model };
      (onProgress as SelectModelOptions['onProgress'])?.(candidates.length, grid.length, candidate);
    }
  } finally {
    await threads?.dispose();
  }
  if (best === undefined) throw firstError!;
  candidates.sort(compare);
  return { criterion, candidates, best: { ...best.candidate, model: best.model } };
}
