/** The versioned JSON form of a model. Loading checks everything, then uses the stored factors as they are. */
import { COVARIANCE_MODULES, COVARIANCE_TYPES, type CovarianceType } from './covariance/index.js';
import type { Reset, ResetAction, ResetReason } from './degenerate.js';
import { describe, ModelFormatError } from './errors.js';
import type { ModelState } from './model-state.js';
import { readNested, toNested } from './nested.js';

export const MODEL_FORMAT = 'gmm-model';
export const MODEL_VERSION = 1;

/** Nested shapes by covariance type: full k×d×d, tied d×d, diag k×d, spherical k. */
export type Covariances = number[] | number[][] | number[][][];

export interface GaussianMixtureJSON {
  format: typeof MODEL_FORMAT;
  version: typeof MODEL_VERSION;
  covarianceType: CovarianceType;
  nComponents: number;
  nFeatures: number;
  weights: number[];
  means: number[][];
  covariances: Covariances;
  /** sklearn's `precisions_cholesky_`: upper-triangular factors U with precision U Uᵀ. */
  precisionsCholesky: Covariances;
  converged: boolean;
  nIter: number;
  lowerBound: number;
  lowerBounds: number[];
  featureNames?: string[];
  /** Degenerate components re-seeded or dropped during the fit (absent when none; optional in version 1). */
  resets?: Reset[];
}

/** sklearn's tolerance on Σ weights. */
const WEIGHT_SUM_TOLERANCE = 1e-6;

export function modelToJSON(state: ModelState): GaussianMixtureJSON {
  const { covarianceType, nComponents: k, nFeatures: d, params } = state;
  const module = COVARIANCE_MODULES[covarianceType];
  const shape = module.nestedShape(k, d);
  return {
    format: MODEL_FORMAT,
    version: MODEL_VERSION,
    covarianceType,
    nComponents: k,
    nFeatures: d,
    weights: Array.from(params.weights),
    means: toNested(params.means, [k, d]) as number[][],
    covariances: toNested(params.covariances, shape) as Covariances,
    precisionsCholesky: toNested(module.precCholToDense(params.precChol, k, d), shape) as Covariances,
    converged: state.converged,
    nIter: state.nIter,
    lowerBound: state.lowerBound,
    lowerBounds: [...state.lowerBounds],
    ...(state.featureNames && { featureNames: [...state.featureNames] }),
    ...(state.resets && state.resets.length > 0 && { resets: state.resets.map((reset) => ({ ...reset })) }),
  };
}

function fail(field: string) {
  return (expected: string, received: string): never => {
    throw new ModelFormatError(`Invalid gmm model: ${field} must be ${expected}, received ${received}`);
  };
}

function count(json: Record<string, unknown>, field: string, min: number): number {
  const value = json[field];
  if (typeof value !== 'number' || !Number.isInteger(value) || value < min) fail(field)(`an integer >= ${min}`, describe(value));
  return value as number;
}

function finiteNumber(json: Record<string, unknown>, field: string): number {
  const value = json[field];
  if (typeof value !== 'number' || !Number.isFinite(value)) fail(field)('a finite number', describe(value));
  return value as number;
}

function readHeader(json: unknown): Record<string, unknown> {
  const parsed = typeof json === 'string' ? parseText(json) : json;
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) fail('the model')('an object', describe(parsed));
  const record = parsed as Record<string, unknown>;
  if (record.format !== MODEL_FORMAT) fail('format')(`'${MODEL_FORMAT}'`, describe(record.format));
  if (record.version !== MODEL_VERSION) {
    fail('version')(`${MODEL_VERSION} (the only version this build of @gmm/core reads)`, describe(record.version));
  }
  return record;
}

function parseText(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch (error) {
    throw new ModelFormatError(`Invalid gmm model: not JSON (${(error as Error).message})`);
  }
}

function readWeights(value: unknown, k: number): Float64Array {
  const weights = readNested(value, [k], 'weights', fail('weights'));
  weights.forEach((w, j) => {
    if (!(w > 0)) fail('weights')('positive weights', `weights[${j}] = ${w}`);
  });
  const sum = weights.reduce((a, b) => a + b, 0);
  if (Math.abs(sum - 1) > WEIGHT_SUM_TOLERANCE) fail('weights')(`weights summing to 1`, `a sum of ${sum}`);
  return weights;
}

function readFeatureNames(value: unknown, d: number): string[] | undefined {
  if (value === undefined) return undefined;
  if (!Array.isArray(value) || value.length !== d || !value.every((name) => typeof name === 'string')) {
    fail('featureNames')(`an array of ${d} strings`, describe(value));
  }
  return value as string[];
}

const RESET_REASONS: readonly ResetReason[] = ['collapsed', 'ill-defined'];
const RESET_ACTIONS: readonly ResetAction[] = ['reseeded', 'dropped'];

function readReset(value: unknown, i: number): Reset {
  const field = `resets[${i}]`;
  if (typeof value !== 'object' || value === null || Array.isArray(value)) fail(field)('an object', describe(value));
  const record = value as Record<string, unknown>;
  const reason = record.reason as ResetReason;
  const action = record.action as ResetAction;
  if (!RESET_REASONS.includes(reason)) fail(`${field}.reason`)(`one of ${RESET_REASONS.join(', ')}`, describe(record.reason));
  if (!RESET_ACTIONS.includes(action)) fail(`${field}.action`)(`one of ${RESET_ACTIONS.join(', ')}`, describe(record.action));
  const reset = {
    init: count(record, 'init', 0),
    iteration: count(record, 'iteration', 0),
    component: count(record, 'component', 0),
    reason,
    action,
  };
  return record.row === undefined ? reset : { ...reset, row: count(record, 'row', 0) };
}

function readResets(value: unknown): Reset[] | undefined {
  if (value === undefined) return undefined;
  if (!Array.isArray(value)) fail('resets')('an array of resets', describe(value));
  return (value as unknown[]).map(readReset);
}

function readLowerBounds(value: unknown): number[] {
  if (!Array.isArray(value)) fail('lowerBounds')('an array of finite numbers', describe(value));
  return Array.from(readNested(value, [(value as unknown[]).length], 'lowerBounds', fail('lowerBounds')));
}

/** Validates a serialised model (an object, or its JSON text) and returns its state. */
export function parseModelJSON(json: unknown): ModelState {
  const record = readHeader(json);
  const covarianceType = record.covarianceType as CovarianceType;
  if (!COVARIANCE_TYPES.includes(covarianceType)) {
    fail('covarianceType')(`one of ${COVARIANCE_TYPES.join(', ')}`, describe(record.covarianceType));
  }
  const module = COVARIANCE_MODULES[covarianceType];
  const k = count(record, 'nComponents', 1);
  const d = count(record, 'nFeatures', 1);
  const shape = module.nestedShape(k, d);
  const weights = readWeights(record.weights, k);
  const means = readNested(record.means, [k, d], 'means', fail('means'));
  const covariances = readNested(record.covariances, shape, 'covariances', fail('covariances'));
  const dense = readNested(record.precisionsCholesky, shape, 'precisionsCholesky', fail('precisionsCholesky'));
  const precChol = module.precCholFromDense(dense, k, d, fail('precisionsCholesky'));
  if (typeof record.converged !== 'boolean') fail('converged')('a boolean', describe(record.converged));
  const featureNames = readFeatureNames(record.featureNames, d);
  const resets = readResets(record.resets);
  return {
    covarianceType,
    nComponents: k,
    nFeatures: d,
    params: { weights, means, covariances, precChol, logDetU: module.logDetU(precChol, k, d) },
    converged: record.converged as boolean,
    nIter: count(record, 'nIter', 0),
    lowerBound: finiteNumber(record, 'lowerBound'),
    lowerBounds: readLowerBounds(record.lowerBounds),
    featureNames,
    ...(resets && resets.length > 0 && { resets }),
  };
}
