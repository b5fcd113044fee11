/** Options of an online mixture: validated in the constructor, before any batch arrives. */
import type { Kernel } from '@gmm/kernel';
import { COVARIANCE_TYPES, type CovarianceType } from '../covariance/index.js';
import { describe, ValidationError } from '../errors.js';
import { INIT_PARAMS, type InitParams } from '../init/index.js';
import { DEFAULTS, ON_DEGENERATE, type FitOptions, type OnDegenerate } from '../options.js';
import { integerInRange, kernelValue, nonNegativeNumber, oneOf, optionsObject, seedValue } from '../validate.js';

export interface OnlineOptions {
  /** Number of mixture components (default 1). */
  nComponents?: number;
  covarianceType?: CovarianceType;
  /** Added to the diagonal of every covariance (>= 0). */
  regCovar?: number;
  /** Seed of the first batch's fit. */
  seed?: number;
  /** Initialisation of the first batch's fit (default k-means). */
  initParams?: InitParams;
  /** Restarts of the first batch's fit. */
  nInit?: number;
  /** maxIter and tol of the first batch's fit. */
  maxIter?: number;
  tol?: number;
  /** Step-size offset: γ_t = (t + t0)^−κ for the t-th batch after the first (>= 0, default 2). */
  t0?: number;
  /** Step-size decay κ in (0.5, 1] (default 0.6): Σ γ_t diverges and Σ γ_t² converges. */
  kappa?: number;
  featureNames?: string[];
  kernel?: Kernel;
  /** The first batch's fit recovers from degenerate components or throws (later batches always throw). */
  onDegenerate?: OnDegenerate;
}

export const ONLINE_DEFAULTS = { t0: 2, kappa: 0.6 } as const;

const ONLINE_OPTION_KEYS = [
  'nComponents',
  'covarianceType',
  'regCovar',
  'seed',
  'initParams',
  'nInit',
  'maxIter',
  'tol',
  't0',
  'kappa',
  'featureNames',
  'kernel',
  'onDegenerate',
] as const satisfies readonly (keyof OnlineOptions)[];

export interface ResolvedOnlineOptions {
  readonly t0: number;
  readonly kappa: number;
  readonly regCovar: number;
  readonly kernel: Kernel | undefined;
  /** The options of the first batch's fit (the rest is checked against that batch by `fit`). */
  readonly firstFit: FitOptions;
}

function kappaValue(value: unknown): number {
  if (typeof value !== 'number' || !(value > 0.5 && value <= 1)) {
    throw new ValidationError('kappa', 'a number in (0.5, 1]', describe(value));
  }
  return value;
}

function featureNamesValue(value: unknown): string[] {
  if (!Array.isArray(value) || !value.every((name) => typeof name === 'string')) {
    throw new ValidationError('featureNames', 'an array of strings (one per feature)', describe(value));
  }
  return [...(value as string[])];
}

export function resolveOnlineOptions(options: unknown): ResolvedOnlineOptions {
  const record = optionsObject('options', options, ONLINE_OPTION_KEYS);
  const regCovar = nonNegativeNumber('regCovar', record.regCovar ?? DEFAULTS.regCovar);
  const kernel = record.kernel === undefined ? undefined : kernelValue(record.kernel);
  const firstFit: FitOptions = {
    nComponents: integerInRange('nComponents', record.nComponents ?? DEFAULTS.nComponents, 1),
    covarianceType: oneOf('covarianceType', record.covarianceType ?? DEFAULTS.covarianceType, COVARIANCE_TYPES),
    regCovar,
    seed: seedValue('seed', record.seed ?? DEFAULTS.seed),
    initParams: oneOf('initParams', record.initParams ?? DEFAULTS.initParams, INIT_PARAMS),
    nInit: integerInRange('nInit', record.nInit ?? DEFAULTS.nInit, 1),
    maxIter: integerInRange('maxIter', record.maxIter ?? DEFAULTS.maxIter, 1),
    tol: nonNegativeNumber('tol', record.tol ?? DEFAULTS.tol),
    onDegenerate: oneOf('onDegenerate', record.onDegenerate ?? DEFAULTS.onDegenerate, ON_DEGENERATE),
    ...(record.featureNames !== undefined && { featureNames: featureNamesValue(record.featureNames) }),
    ...(kernel && { kernel }),
  };
  return {
    t0: nonNegativeNumber('t0', record.t0 ?? ONLINE_DEFAULTS.t0),
    kappa: kappaValue(record.kappa ?? ONLINE_DEFAULTS.kappa),
    regCovar,
    kernel,
    firstFit,
  };
}

/** Cappé & Moulines' step size of the t-th update (t >= 1): (t + t0)^−κ. */
export function stepSize(t: number, t0: number, kappa: number): number {
  return (t + t0) ** -kappa;
}
