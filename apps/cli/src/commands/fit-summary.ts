/** The summary gmm fit prints (text or --json), for a fit in memory and for a chunked one alike. */
import type { Dtype, GaussianMixture } from '@gmm/core';
import { describeParameters, duration, num } from '../format.js';

export interface FitRun {
  model: GaussianMixture;
  /** EM iterations over all restarts. */
  iterations: number;
  seconds: number;
  /** The E-step's threads: core's count for a fit in memory; for a chunked fit --threads, else core's default for its blocks. */
  threads: number | undefined;
  /** How the E-step held the data (--float32: 'float32'). */
  dtype: Dtype;
}

/** What the summary says about the data: its size and weighting, and the final model's criteria on it. */
export interface FitDataSummary {
  readonly source: string;
  readonly rows: number;
  readonly weightsColumn?: string;
  readonly totalWeight: number;
  readonly loadSeconds: number;
  readonly criteria: { score: number; bic: number; aic: number };
}

/** The fitted mixture's shape and parameters, as every fit summary reports them. */
export function mixtureJSON(model: GaussianMixture) {
  return {
    featureNames: model.featureNames ?? [],
    covarianceType: model.covarianceType,
    nComponents: model.nComponents,
    nFeatures: model.nFeatures,
    weights: model.weights,
    means: model.means,
    covariances: model.covariances,
  };
}

export function summaryJSON(data: FitDataSummary, run: FitRun, output: string | undefined) {
  const { model } = run;
  const { score, bic, aic } = data.criteria;
  return {
    source: data.source,
    rows: data.rows,
    weightsColumn: data.weightsColumn ?? null,
    totalWeight: data.totalWeight,
    ...mixtureJSON(model),
    converged: model.converged,
    nIter: model.nIter,
    lowerBound: model.lowerBound,
    lowerBounds: model.lowerBounds,
    logLikelihood: score * data.totalWeight,
    score,
    bic,
    aic,
    nParameters: model.nParameters,
    resets: model.resets,
    timings: { load: data.loadSeconds, fit: run.seconds, perIteration: run.iterations > 0 ? run.seconds / run.iterations : 0 },
    threads: run.threads ?? null,
    dtype: run.dtype,
    output: output ?? null,
  };
}

export type FitSummary = ReturnType<typeof summaryJSON>;

function weightedBy(summary: FitSummary): string {
  return summary.weightsColumn === null ? '' : `, weighted by column ${summary.weightsColumn} (total weight ${num(summary.totalWeight)})`;
}

function onThreads(threads: number | null): string {
  return threads === null ? '' : `, E-step on ${threads} ${threads === 1 ? 'thread' : 'threads'}`;
}

function onDtype(dtype: Dtype): string {
  return dtype === 'float32' ? ', float32 data' : '';
}

/** `how`: an extra line on how the data was held (the chunked fit's), if any. */
export function summaryText(summary: FitSummary, model: GaussianMixture, tol: number, how?: string): string {
  const names = summary.featureNames;
  const lines = [
    `${summary.nComponents}-component ${summary.covarianceType} Gaussian mixture fitted to ${summary.rows} rows × ${summary.nFeatures} columns (${names.join(', ')}) of ${summary.source}${weightedBy(summary)}`,
    ...(how === undefined ? [] : [how]),
    summary.converged
      ? `converged after ${summary.nIter} iterations (tol ${tol})`
      : `did NOT converge within ${summary.nIter} iterations (tol ${tol}): try a larger --max-iter`,
    `log-likelihood ${num(summary.logLikelihood)} (${num(summary.score)} per ${summary.weightsColumn === null ? 'row' : 'unit of weight'})`,
    `BIC ${num(summary.bic)}  AIC ${num(summary.aic)}  (${summary.nParameters} parameters)`,
    '',
    ...describeParameters(model, names),
    '',
    `time: load ${duration(summary.timings.load)}, fit ${duration(summary.timings.fit)} (${duration(summary.timings.perIteration)} per iteration${onThreads(summary.threads)}${onDtype(summary.dtype)})`,
  ];
  if (summary.output) lines.push(`model written to ${summary.output}`);
  return `${lines.join('\n')}\n`;
}
