import type { DataInput } from './data.js';
import { createModel, type GaussianMixture } from './model.js';
import type { FitOptions } from './options.js';
import { toKernelParams } from './params.js';
import { drain, openSessions, prepareFit } from './prepare.js';
import { runRestarts } from './restarts.js';
import { hardLabels } from './scoring.js';

/** Fits a Gaussian mixture by EM (scikit-learn's GaussianMixture.fit). */
export async function fit(X: DataInput, options?: FitOptions): Promise<GaussianMixture> {
  const { matrix, options: resolved, kernel } = await prepareFit(X, options);
  const sessions = openSessions(kernel, matrix, resolved);
  try {
    return createModel(drain(runRestarts(matrix, sessions, resolved)), kernel);
  } finally {
    sessions.dispose();
  }
}

/**
 * Fits and labels the training rows (scikit-learn's fit_predict): one final E-step with the kept
 * parameters, so the labels equal `model.predict(X)` whatever maxIter and tol were.
 */
export async function fitPredict(
  X: DataInput,
  options?: FitOptions,
): Promise<{ model: GaussianMixture; labels: Int32Array }> {
  const { matrix, options: resolved, kernel } = await prepareFit(X, options);
  const sessions = openSessions(kernel, matrix, resolved);
  try {
    const state = drain(runRestarts(matrix, sessions, resolved));
    const labels = hardLabels(sessions.get(state.nComponents), toKernelParams(state.params, matrix.cols));
    return { model: createModel(state, kernel), labels };
  } finally {
    sessions.dispose();
  }
}
