/**
 * Online EM (Cappé & Moulines 2009): the first batch is fitted by EM (the warm start); every later batch runs one
 * kernel E-step with the current parameters and moves running per-unit-weight statistics towards the batch's,
 * s ← (1 − γ_t) s + γ_t ŝ with γ_t = (t + t0)^−κ, then the usual M-step from s. Memory is O(k·d²) whatever the
 * length of the stream: only the statistics, the parameters and the current batch are held.
 */
import { loadKernel, type Kernel, type SufficientStats } from '@gmm/kernel';
import { COVARIANCE_MODULES, type CovarianceModule } from '../covariance/index.js';
import { expectFeatures, toMatrix, type DataInput, type Matrix } from '../data.js';
import { GmmError } from '../errors.js';
import { fit } from '../fit.js';
import { estimateParameters, factorised } from '../m-step.js';
import { createModel, stateOf, type GaussianMixture } from '../model.js';
import type { ModelState } from '../model-state.js';
import { resolveSampleWeight } from '../sample-weight.js';
import type { GaussianMixtureJSON } from '../serialize.js';
import { batchStatistics, weightedMean } from './batch.js';
import { resolveOnlineOptions, stepSize, type OnlineOptions, type ResolvedOnlineOptions } from './options.js';
import { blend } from './statistics.js';

/** What exists once the first batch has been fitted. */
interface Running {
  readonly kernel: Kernel;
  readonly module: CovarianceModule;
  /** The fixed centre z of the statistics (the first batch's weighted mean), and z repeated for each component. */
  readonly centre: Float64Array;
  readonly centres: Float64Array;
  stats: SufficientStats;
  state: ModelState;
  model: GaussianMixture;
}

export class OnlineGaussianMixture {
  readonly #options: ResolvedOnlineOptions;
  #running: Running | undefined;
  #nBatches = 0;
  #nSeen = 0;
  /** partialFit calls run one after another, in call order, even when not awaited. */
  #queue: Promise<unknown> = Promise.resolve();

  /** Validates the options (ValidationError) before any batch arrives. */
  constructor(options?: OnlineOptions) {
    this.#options = resolveOnlineOptions(options);
  }

  /** Batches seen so far, the first included. */
  get nBatches(): number {
    return this.#nBatches;
  }

  /** Rows seen so far (with sample weights: their total weight). */
  get nSeen(): number {
    return this.#nSeen;
  }

  /** The mixture of the current parameters. Throws before the first batch. */
  get model(): GaussianMixture {
    return this.#require().model;
  }

  /** Copies of the running statistics (per unit weight, about `centre`): their sizes never depend on the stream. */
  get statistics(): { readonly N: Float64Array; readonly S: Float64Array; readonly Q: Float64Array; readonly centre: Float64Array } {
    const { stats, centre } = this.#require();
    return { N: stats.N.slice(), S: stats.S.slice(), Q: stats.Q.slice(), centre: centre.slice() };
  }

  /**
   * Adds a batch (rows × d; optional weight per row). The first batch is fitted by EM with the options; each
   * later one is one online-EM update. A batch whose update leaves a covariance that cannot be factorised throws
   * IllDefinedCovarianceError and changes nothing.
   */
  partialFit(batch: DataInput, sampleWeight?: number[] | Float64Array): Promise<this> {
    const update = this.#queue.then(() => this.#update(batch, sampleWeight));
    this.#queue = update.catch(() => undefined);
    return update.then(() => this);
  }

  predict(X: DataInput): Int32Array {
    return this.model.predict(X);
  }

  predictProba(X: DataInput): { data: Float64Array; rows: number; cols: number } {
    return this.model.predictProba(X);
  }

  scoreSamples(X: DataInput): Float64Array {
    return this.model.scoreSamples(X);
  }

  score(X: DataInput, sampleWeight?: number[] | Float64Array): number {
    return this.model.score(X, sampleWeight);
  }

  bic(X: DataInput, sampleWeight?: number[] | Float64Array): number {
    return this.model.bic(X, sampleWeight);
  }

  aic(X: DataInput, sampleWeight?: number[] | Float64Array): number {
    return this.model.aic(X, sampleWeight);
  }

  /** The current model's JSON (GaussianMixture.fromJSON loads it). */
  toJSON(): GaussianMixtureJSON {
    return this.model.toJSON();
  }

  #require(): Running {
    if (!this.#running) {
      throw new GmmError('OnlineGaussianMixture has no model yet: call partialFit(batch) with a first batch before using it');
    }
    return this.#running;
  }

  async #update(batch: DataInput, sampleWeight: unknown): Promise<void> {
    const matrix = toMatrix(batch);
    const weights = sampleWeight === undefined ? undefined : resolveSampleWeight(sampleWeight, matrix.rows);
    const running = this.#running;
    if (running) this.#step(running, matrix, weights);
    else this.#running = await this.#start(matrix, weights);
  }

  /** The warm start: a normal fit on the first batch, then its statistics under the fitted parameters. */
  async #start(batch: Matrix, sampleWeight: Float64Array | undefined): Promise<Running> {
    const { firstFit, kernel: given } = this.#options;
    const model = await fit(batch, { ...firstFit, ...(sampleWeight && { sampleWeight }) });
    const kernel = given ?? (await loadKernel());
    const state = stateOf(model);
    const module = COVARIANCE_MODULES[state.covarianceType];
    const centre = weightedMean(batch, sampleWeight);
    const first = batchStatistics(kernel, batch, sampleWeight, state.params, module, centre);
    const centres = new Float64Array(state.nComponents * batch.cols);
    for (let j = 0; j < state.nComponents; j++) centres.set(centre, j * batch.cols);
    this.#nBatches = 1;
    this.#nSeen = first.totalWeight;
    return { kernel, module, centre, centres, stats: first.stats, state, model };
  }

  /** One online-EM update; nothing changes if the M-step throws. */
  #step(running: Running, batch: Matrix, sampleWeight: Float64Array | undefined): void {
    const { module, state } = running;
    const { nComponents: k, nFeatures: d } = state;
    expectFeatures(batch, d);
    const current = batchStatistics(running.kernel, batch, sampleWeight, state.params, module, running.centre);
    const gamma = stepSize(this.#nBatches, this.#options.t0, this.#options.kappa);
    const stats = blend(running.stats, current.stats, gamma);
    const estimate = estimateParameters(module, stats, running.centres, k, d, this.#options.regCovar);
    const params = factorised(module, estimate, k, d);
    this.#nBatches++;
    this.#nSeen += current.totalWeight;
    running.stats = stats;
    // Online EM has no convergence test; the lower bound is the batch's mean log-likelihood before its update.
    running.state = {
      ...state,
      params,
      converged: false,
      nIter: this.#nBatches,
      lowerBound: current.meanLogLikelihood,
      lowerBounds: [current.meanLogLikelihood],
    };
    running.model = createModel(running.state, this.#options.kernel);
  }
}
