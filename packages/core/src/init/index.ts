/** The initialisation methods behind one table, and the initial parameters of one restart. */
import type { CovarianceModule } from '../covariance/index.js';
import type { Matrix } from '../data.js';
import { factorised, type MStepEstimate } from '../m-step.js';
import type { FittedParams, MixtureParams } from '../params.js';
import type { Random } from '../random.js';
import { kmeans } from './kmeans.js';
import { kmeansPlusPlus } from './kmeans-plus-plus.js';
import { distinctRows } from './random-from-data.js';
import { randomResponsibilities } from './random.js';
import { estimateFromResponsibilities, oneHotLabels, oneHotRows, type Responsibilities } from './responsibilities.js';

export type InitParams = 'kmeans' | 'k-means++' | 'random' | 'random_from_data';

type InitMethod = (X: Matrix, k: number, rng: Random, weights: Float64Array | undefined) => Responsibilities;

const INIT_METHODS: Readonly<Record<InitParams, InitMethod>> = {
  kmeans: (X, k, rng, weights) => oneHotLabels(kmeans(X, k, rng, weights)),
  'k-means++': (X, k, rng, weights) => oneHotRows(kmeansPlusPlus(X, k, rng, weights)),
  random: (X, k, rng) => randomResponsibilities(X.rows, k, rng),
  random_from_data: (X, k, rng, weights) => oneHotRows(distinctRows(X.rows, k, rng, weights)),
};

export const INIT_PARAMS = Object.keys(INIT_METHODS) as readonly InitParams[];

/** What a restart starts from: the method, and whichever parameters the user fixed. */
export interface InitSettings {
  readonly nComponents: number;
  readonly initParams: InitParams;
  readonly regCovar: number;
  readonly weightsInit?: Float64Array;
  readonly meansInit?: Float64Array;
  /** The precision factors of `precisionsInit`, in the kernel layout. */
  readonly precCholInit?: Float64Array;
  /** Per-row sample weights (validated): they weight the estimate and the k-means seeding. */
  readonly sampleWeight?: Float64Array;
}

/**
 * sklearn's `_initialize_parameters`: estimate weights, means and covariances from the method's
 * responsibilities, then replace whatever the user fixed. With all three fixed, the method is not run.
 * `factorise` turns the estimate into parameters (it may repair degenerate components); when the user fixed
 * some parameters, the estimate is factorised as it is, so that every parameter keeps k components.
 */
export function initialParameters(
  X: Matrix,
  settings: InitSettings,
  module: CovarianceModule,
  rng: Random,
  factorise: (estimate: MStepEstimate) => FittedParams,
): MixtureParams {
  const { nComponents: k, weightsInit, meansInit, precCholInit } = settings;
  const d = X.cols;
  if (weightsInit && meansInit && precCholInit) {
    return { weights: weightsInit, means: meansInit, precChol: precCholInit, logDetU: module.logDetU(precCholInit, k, d) };
  }
  const responsibilities = INIT_METHODS[settings.initParams](X, k, rng, settings.sampleWeight);
  const estimate = estimateFromResponsibilities(X, responsibilities, module, k, settings.regCovar, settings.sampleWeight);
  const estimated = weightsInit || meansInit || precCholInit ? factorised(module, estimate, k, d) : factorise(estimate);
  const precChol = precCholInit ?? estimated.precChol;
  return {
    weights: weightsInit ?? estimated.weights,
    means: meansInit ?? estimated.means,
    precChol,
    logDetU: precCholInit ? module.logDetU(precChol, k, d) : estimated.logDetU,
  };
}
