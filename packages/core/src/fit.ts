import { COVARIANCE_MODULES } from './covariance/index.js';
import type { DataInput } from './data.js';
import { createModel, type GaussianMixture } from './model.js';
import type { FitOptions } from './options.js';
import { toKernelParams } from './params.js';
import { drain, openSessions, openThreads, prepareFit } from './prepare.js';
import { runRestarts } from './restarts.js';
import type { SessionPool } from './sessions.js';
import { hardLabels } from './scoring.js';
import { writeIncompleteLabels } from './missing/scoring.js';

/** Fits a Gaussian mixture by EM (scikit-learn's GaussianMixture.fit). */
export async function fit(X: DataInput, options?: FitOptions): Promise<GaussianMixture> {
  const { matrix, options: resolved, kernel } = await prepareFit(X, options);
  const threads = await openThreads(kernel, resolved.threads, matrix.rows);
  try {
    const sessions = openSessions(kernel, matrix, resolved, threads);
    try {
      return createModel(await drain(runRestarts(matrix, sessions, resolved)), kernel);
    } finally {
      sessions.dispose();
    }
  } finally {
    await threads?.dispose();
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
  const threads = await openThreads(kernel, resolved.threads, matrix.rows);
  let sessions: SessionPool | undefined;
  try {
    sessions = openSessions(kernel, matrix, resolved, threads);
    const state = await drain(runRestarts(matrix, sessions, resolved));
    const completeLabels = hardLabels(sessions.get(state.nComponents), toKernelParams(state.params, matrix.cols));
    if (sessions.incomplete.length === 0) return { model: createModel(state, kernel), labels: completeLabels };
    // Missing values: complete rows labelled by the kernel, incomplete ones by their marginals.
    const labels = new Int32Array(matrix.rows);
    const pool = sessions;
    completeLabels.forEach((label, i) => (labels[pool.dataRow(i)] = label));
    writeIncompleteLabels(sessions.incomplete, COVARIANCE_MODULES[state.covarianceType], state.params, matrix.cols, labels);
    return { model: createModel(state, kernel), labels };
  } finally {
    sessions?.dispose();
    await threads?.dispose();
  }
}
