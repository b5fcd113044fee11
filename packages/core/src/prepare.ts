import { loadKernel, type Kernel, type KernelSession } from '@gmm/kernel';
import { toMatrix, type Matrix } from './data.js';
import { FIT_OPTION_KEYS, resolveFitOptions, type ResolvedFitOptions } from './options.js';
import { optionsObject } from './validate.js';

export interface PreparedFit {
  readonly matrix: Matrix;
  readonly options: ResolvedFitOptions;
  readonly kernel: Kernel;
}

/** Validates the data and every option, then loads the kernel: nothing else runs before this succeeds. */
export async function prepareFit(X: unknown, options: unknown): Promise<PreparedFit> {
  const record = optionsObject('options', options, FIT_OPTION_KEYS);
  const matrix = toMatrix(X);
  const resolved = resolveFitOptions(record, matrix);
  return { matrix, options: resolved, kernel: resolved.kernel ?? (await loadKernel()) };
}

/** Copies the data into kernel memory once for the whole fit; the caller disposes the session. */
export function openSession(kernel: Kernel, matrix: Matrix, options: ResolvedFitOptions): KernelSession {
  return kernel.createSession(matrix.data, matrix.rows, matrix.cols, {
    kind: options.covarianceType,
    k: options.nComponents,
  });
}

/** Runs a generator to completion and returns its result. */
export function drain<R>(generator: Generator<unknown, R>): R {
  let step = generator.next();
  while (!step.done) step = generator.next();
  return step.value;
}
