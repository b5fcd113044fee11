import { COVARIANCE_MODULES } from './covariance/index.js';
import type { DataInput } from './data.js';
import { createModel, type GaussianMixture } from './model.js';
import type { FitOptions } from './options.js';
import { toKernelParams } from './params.js';
import { drain, openSessions, prepareFit } from './prepare.js';
import { runRestarts } from './restarts.js';
import { hardLabels } from './scoring.js';
import { writeIncompleteLabels } from './missing/scoring.js';

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
 * parameters, so the labels equal `model.predict(X)` whatever maxIter and tol were (with missing 'em', rows with
 * missing values are labelled from their observed coordinates).
 */
export async function fitPredict(
  X: DataInput,
  options?: FitOptions,
): Promise<{ model: GaussianMixture; labels: Int32Array }> {
  const { matrix, options: resolved, kernel } = await prepareFit(X, options);
  const sessions = openSessions(kernel, matrix, resolved);
  try {
    const state = drain(runRestarts(matrix, sessions, resolved));
    const completeLabels = hardLabels(sessions.get(state.nComponents), toKernelParams(state.params, matrix.cols));
    if (sessions.incomplete.length === 0) return { model: createModel(state, kernel), labels: completeLabels };
    // Missing values: complete rows labelled by the kernel, incomplete ones by their marginals.
    const labels = new Int32Array(matrix.rows);
    completeLabels.forEach((label, i) => (labels[sessions.dataRow(i)] = label));
    writeIncompleteLabels(sessions.incomplete, COVARIANCE_MODULES[state.covarianceType], state.params, matrix.cols, labels);
    return { model: createModel(state, kernel), labels };
  } finally {
    sessions.dispose();
  }
}
