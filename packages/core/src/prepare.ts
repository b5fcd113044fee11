import { availableThreads, loadKernel, type EStepThreads, type Kernel } from '@gmm/kernel';
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
export function openSessions(
  kernel: Kernel,
  matrix: Matrix,
  options: ResolvedFitOptions,
  threads: EStepThreads | undefined,
): SessionPool {
  const { covarianceType, sampleWeight, dtype } = options;
  const split = options.missing === 'em' ? splitRows(matrix, sampleWeight) : undefined;
  const sessions =
    split && split.patterns.length > 0
      ? new SessionPool(kernel, split.complete, covarianceType, dtype, threads, split.completeWeight, split)
      : new SessionPool(kernel, matrix, covarianceType, dtype, threads, sampleWeight);
  sessions.get(options.nComponents);
  return sessions;
}

/** By default a fit takes one more core per this many rows: starting a worker costs more than a small E-step. */
const DEFAULT_ROWS_PER_THREAD = 8192;

/** The default `threads` of a fit whose E-steps run over `rows` rows on a machine with `cores` cores. */
export function defaultThreadCount(rows: number, cores: number): number {
  return Math.max(1, Math.min(cores, Math.floor(rows / DEFAULT_ROWS_PER_THREAD)));
}

/**
 * Starts the E-step workers of a fit whose E-steps run over `rows` rows: undefined for one thread, a kernel
 * without threads, or where memory cannot be shared (the kernel then warns once and this fit runs on one thread).
 * The caller disposes them in `finally`, so a fit that throws or stops early leaves no worker behind.
 */
export async function openThreads(
  kernel: Kernel,
  threads: number | undefined,
  rows: number,
): Promise<EStepThreads | undefined> {
  const count = threads ?? defaultThreadCount(rows, await availableThreads());
  if (count === 1 || !kernel.openThreads) return undefined;
  const opened = await kernel.openThreads(count);
  if (opened.count > 1) return opened;
  await opened.dispose();
  return undefined;
}

/** Runs a generator to completion and returns its result. */
export async function drain<R>(generator: AsyncGenerator<unknown, R>): Promise<R> {
  let step = await generator.next();
  while (!step.done) step = await generator.next();
  return step.value;
}
