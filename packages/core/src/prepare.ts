import { loadKernel, type Kernel } from '@gmm/kernel';
import { toMatrix, type Matrix } from './data.js';
import { FIT_OPTION_KEYS, resolveFitOptions, type ResolvedFitOptions } from './options.js';
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
  const matrix = toMatrix(X);
  const resolved = resolveFitOptions(record, matrix);
  return { matrix, options: resolved, kernel: resolved.kernel ?? (await loadKernel()) };
}

/** Copies the data into kernel memory for the fit (again only if a component is dropped); the caller disposes the pool. */
export function openSessions(kernel: Kernel, matrix: Matrix, options: ResolvedFitOptions): SessionPool {
  const sessions = new SessionPool(kernel, matrix, options.covarianceType, options.sampleWeight);
  sessions.get(options.nComponents);
  return sessions;
}

/** Runs a generator to completion and returns its result. */
export function drain<R>(generator: Generator<unknown, R>): R {
  let step = generator.next();
  while (!step.done) step = generator.next();
  return step.value;
}
