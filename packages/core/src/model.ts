/** A fitted Gaussian mixture: parameters in sklearn's shapes, prediction, scoring, sampling, serialisation. */
import { getKernel, type Kernel, type KernelParams, type KernelSession } from '@gmm/kernel';
import { aicFrom, bicFrom, iclFrom, mixtureParameterCount } from './criteria.js';
import { conditionState } from './conditional/condition.js';
import { dimensionList, observedValues } from './conditional/dims.js';
import { imputeMissing, imputeOptions, type ImputeOptions } from './conditional/impute.js';
import { marginalState } from './conditional/marginal.js';
import { toMatrixWithMissing } from './conditional/missing-data.js';
import { inputMatrix, regressMixture, type Regression } from './conditional/regress.js';
import { COVARIANCE_MODULES, type CovarianceType } from './covariance/index.js';
import { expectFeatures, toMatrix, type DataInput, type Matrix } from './data.js';
import type { ModelState } from './model-state.js';
import { toNested } from './nested.js';
import { toKernelParams } from './params.js';
import { sampleMixture, type Sample } from './sample.js';
import type { Reset } from './degenerate.js';
import { resolveSampleWeight, totalWeight } from './sample-weight.js';
import { hardLabels, likelihoodAndEntropy, logDensities, responsibilities, weightedLogLikelihood } from './scoring.js';
import { modelToJSON, parseModelJSON, type Covariances, type GaussianMixtureJSON } from './serialize.js';
import { integerInRange, kernelValue, optionsObject, seedValue } from './validate.js';

/** Freezes nested arrays so the public parameters cannot drift from the ones predictions use. */
function deepFreeze<T>(value: T): T {
  if (Array.isArray(value)) value.forEach(deepFreeze);
  return Object.freeze(value);
}

let createModelFn: (state: ModelState, kernel: Kernel | undefined) => GaussianMixture;
let stateOfFn: (model: GaussianMixture) => ModelState;

export class GaussianMixture {
  readonly covarianceType: CovarianceType;
  readonly nComponents: number;
  readonly nFeatures: number;
  /** Mixing weights, length k. */
  readonly weights: number[];
  /** k × d. */
  readonly means: number[][];
  /** full k×d×d, tied d×d, diag k×d, spherical k. */
  readonly covariances: Covariances;
  /** Upper-triangular Cholesky factors of the precisions (sklearn's `precisions_cholesky_`), same shapes. */
  readonly precisionsCholesky: Covariances;
  /** Whether the kept restart met the tolerance within maxIter. */
  readonly converged: boolean;
  /** EM iterations of the kept restart. */
  readonly nIter: number;
  /** Mean log-likelihood per sample of the parameters before the last M-step. */
  readonly lowerBound: number;
  /** lowerBounds[i]: mean log-likelihood per sample of the parameters before the (i+1)-th M-step. */
  readonly lowerBounds: number[];
  readonly featureNames?: string[];
  /** Degenerate components re-seeded or dropped during the fit (onDegenerate 'recover'); empty when none. */
  readonly resets: readonly Reset[];

  readonly #state: ModelState;
  /** The kernel the model was fitted with or loaded for; undefined means the default WebAssembly kernel. */
  readonly #kernel: Kernel | undefined;
  readonly #kernelParams: KernelParams;

  private constructor(state: ModelState, kernel: Kernel | undefined) {
    const { covarianceType, nComponents: k, nFeatures: d, params } = state;
    const module = COVARIANCE_MODULES[covarianceType];
    const shape = module.nestedShape(k, d);
    this.#state = state;
    this.#kernel = kernel;
    this.#kernelParams = toKernelParams(params, d);
    this.covarianceType = covarianceType;
    this.nComponents = k;
    this.nFeatures = d;
    this.weights = deepFreeze(Array.from(params.weights));
    this.means = deepFreeze(toNested(params.means, [k, d]) as number[][]);
    this.covariances = deepFreeze(toNested(params.covariances, shape) as Covariances);
    this.precisionsCholesky = deepFreeze(toNested(module.precCholToDense(params.precChol, k, d), shape) as Covariances);
    this.converged = state.converged;
    this.nIter = state.nIter;
    this.lowerBound = state.lowerBound;
    this.lowerBounds = deepFreeze([...state.lowerBounds]);
    if (state.featureNames) this.featureNames = deepFreeze([...state.featureNames]);
    this.resets = deepFreeze((state.resets ?? []).map((reset) => Object.freeze({ ...reset })));
  }

  static {
    createModelFn = (state, kernel) => new GaussianMixture(state, kernel);
    stateOfFn = (model) => model.#state;
  }

  /** Free parameters: covariances + k·d means + (k − 1) weights. */
  get nParameters(): number {
    return mixtureParameterCount(this.covarianceType, this.nComponents, this.nFeatures);
  }

  /** Runs `use` on a kernel session holding X (validated against the model), released afterwards. */
  #withSession<T>(X: DataInput, use: (session: KernelSession, matrix: Matrix) => T): T {
    const matrix = toMatrix(X);
    expectFeatures(matrix, this.nFeatures);
    const kernel = this.#kernel ?? getKernel();
    const session = kernel.createSession(matrix.data, matrix.rows, matrix.cols, {
      kind: this.covarianceType,
      k: this.nComponents,
    });
    try {
      return use(session, matrix);
    } finally {
      session.dispose();
    }
  }

  /** Σ w log p(x) over the rows of X, and Σ w (without weights: Σ log p(x) and the number of rows). */
  #logLikelihood(X: DataInput, sampleWeight: unknown): { total: number; rows: number } {
    return this.#withSession(X, (session, matrix) => {
      const weights = sampleWeight === undefined ? undefined : resolveSampleWeight(sampleWeight, matrix.rows);
      return {
        total: weightedLogLikelihood(logDensities(session, this.#kernelParams), weights),
        rows: totalWeight(weights, matrix.rows),
      };
    });
  }

  /** The most probable component of every row. */
  predict(X: DataInput): Int32Array {
    return this.#withSession(X, (session) => hardLabels(session, this.#kernelParams));
  }

  /** Component probabilities of every row (rows × k, row-major). */
  predictProba(X: DataInput): { data: Float64Array; rows: number; cols: number } {
    return this.#withSession(X, (session, matrix) => {
      return { data: responsibilities(session, this.#kernelParams), rows: matrix.rows, cols: this.nComponents };
    });
  }

  /** log p(x) of every row. */
  scoreSamples(X: DataInput): Float64Array {
    return this.#withSession(X, (session) => logDensities(session, this.#kernelParams));
  }

  /** Mean log-likelihood per sample; with one weight per row, Σ w log p(x) / Σ w. */
  score(X: DataInput, sampleWeight?: number[] | Float64Array): number {
    const { total, rows } = this.#logLikelihood(X, sampleWeight);
    return total / rows;
  }

  /** Bayesian information criterion: −2·log L + nParameters·ln n (lower is better); with weights, log L = Σ w log p and n = Σ w. */
  bic(X: DataInput, sampleWeight?: number[] | Float64Array): number {
    const { total, rows } = this.#logLikelihood(X, sampleWeight);
    return bicFrom(total, this.nParameters, rows);
  }

  /** Integrated completed likelihood: bic(X) + 2·entropy of the responsibilities (lower is better), optionally weighted. */
  icl(X: DataInput, sampleWeight?: number[] | Float64Array): number {
    return this.#withSession(X, (session, matrix) => {
      const weights = sampleWeight === undefined ? undefined : resolveSampleWeight(sampleWeight, matrix.rows);
      const { logLikelihood, entropy } = likelihoodAndEntropy(session, this.#kernelParams, weights);
      return iclFrom(bicFrom(logLikelihood, this.nParameters, totalWeight(weights, matrix.rows)), entropy);
    });
  }

  /** Akaike information criterion: −2·log L + 2·nParameters (lower is better); with weights, log L = Σ w log p. */
  aic(X: DataInput, sampleWeight?: number[] | Float64Array): number {
    return aicFrom(this.#logLikelihood(X, sampleWeight).total, this.nParameters);
  }

  /** Component j's covariance as a dense d×d matrix, whatever the covariance type (for plots and algebra). */
  componentCovariance(component: number): number[][] {
    const { covarianceType, nComponents: k, nFeatures: d, params } = this.#state;
    const j = integerInRange('component', component, 0, k - 1);
    const dense = COVARIANCE_MODULES[covarianceType].denseCovariance(params.covariances, j, d);
    return toNested(dense, [d, d]) as number[][];
  }

  /** n points drawn from the mixture with their components, grouped by component as sklearn. */
  sample(n: number, seed = 0): Sample {
    return sampleMixture(this.#state, integerInRange('n', n, 1), seedValue('seed', seed));
  }

  /** The mixture over `dims` (0-based, in the order given): same weights, sub-vectors of the means, sub-blocks of the covariances. */
  marginal(dims: readonly number[]): GaussianMixture {
    return new GaussianMixture(marginalState(this.#state, dimensionList('dims', dims, this.nFeatures, false)), this.#kernel);
  }

  /**
   * p(x_r | x_dims = values): a mixture over the other dimensions r (in their order), with the weights
   * re-weighted by each component's density at `values` and the Gaussian conditioning formulas.
   */
  condition(dims: readonly number[], values: readonly number[] | Float64Array): GaussianMixture {
    const observed = dimensionList('dims', dims, this.nFeatures, true);
    const state = conditionState(this.#state, observed, observedValues('values', values, observed.length));
    return new GaussianMixture(state, this.#kernel);
  }

  /** X with its NaN entries replaced by conditional means (or draws, method 'sample'); observed entries unchanged. */
  impute(X: DataInput, options?: ImputeOptions): { data: Float64Array; rows: number; cols: number } {
    const resolved = imputeOptions(options);
    const matrix = toMatrixWithMissing(X);
    expectFeatures(matrix, this.nFeatures);
    return imputeMissing(this.#state, matrix, resolved);
  }

  /** Gaussian mixture regression: mean and covariance of the other dimensions given X's columns on `inputDims`. */
  regress(X: DataInput, inputDims: readonly number[]): Regression {
    const inputs = dimensionList('inputDims', inputDims, this.nFeatures, true);
    return regressMixture(this.#state, inputMatrix(X, inputs.length), inputs);
  }

  toJSON(): GaussianMixtureJSON {
    return modelToJSON(this.#state);
  }

  /** Loads a model saved with toJSON (the object or its JSON text); predictions are bit-identical. */
  static fromJSON(json: unknown, options?: { kernel?: Kernel }): GaussianMixture {
    const { kernel } = optionsObject('options', options, ['kernel']);
    return new GaussianMixture(parseModelJSON(json), kernel === undefined ? undefined : kernelValue(kernel));
  }
}

/** Internal: a model from a state (used by the fit functions). */
export function createModel(state: ModelState, kernel: Kernel | undefined): GaussianMixture {
  return createModelFn(state, kernel);
}

/** Internal: the state of a model (used by warmStart). */
export function stateOf(model: GaussianMixture): ModelState {
  return stateOfFn(model);
}
