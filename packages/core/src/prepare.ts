import { loadKernel, type Kernel } from '@gmm/kernel';
import { toMatrix, type Matrix } from './data.js';
import { splitRows, toMatrixAllowingMissing } from './missing/rows.js';
import { FIT_OPTION_KEYS, resolveFitOptions, resolveMissing, type ResolvedFitOptions } from './options.js';
import { SessionPool } from './sessions.js';
import { optionsObject } from './validate.js';

export interface PreparedFit {
  readonly matrix: Matrix;
  readonly options: ResolvedFitOptions;
  readonly kernel: Kernel;
}

/** Validates the data and every option, then loads the kernel: nothing else runs before this succeeds. */
export async function prepareFit(X: unknown, options: unknown): Promise<PreparedFit> {
  const record = optionsObject('options', options, FIT_OPTION_KEYS);
  const matrix = fitMatrix(X, record.missing);
  const resolved = resolveFitOptions(record, matrix);
  return { matrix, options: resolved, kernel: resolved.kernel ?? (await loadKernel()) };
}

/** The data of a fit: NaN entries are missing values with missing 'em' (validated first), an error otherwise. */
export function fitMatrix(X: unknown, missing: unknown): Matrix {
  return resolveMissing(missing) === 'em' ? toMatrixAllowingMissing(X) : toMatrix(X);
}

/**
 * Copies the data into kernel memory for the fit (again only if a component is dropped); the caller disposes
 * the pool. With missing values, the kernel gets the complete rows and the pool keeps the others by pattern.
 */
export function openSessions(kernel: Kernel, matrix: Matrix, options: ResolvedFitOptions): SessionPool {
  const { covarianceType, sampleWeight } = options;
  const split = options.missing === 'em' ? splitRows(matrix, sampleWeight) : undefined;
  const sessions =
    split && split.patterns.length > 0
      ? new SessionPool(kernel, split.complete, covarianceType, split.completeWeight, split)
      : new SessionPool(kernel, matrix, covarianceType, sampleWeight);
  sessions.get(options.nComponents);
  return sessions;
}

/** Runs a generator to completion and returns its result. */
export function drain<R>(generator: Generator<unknown, R>): R {
  let step = generator.next();
  while (!step.done) step = generator.next();
  return step.value;
}
