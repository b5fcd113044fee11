/** --missing em: empty, NaN and NA cells are missing values that fit and select treat by EM (core's missing: 'em'). */
import type { GaussianMixture } from '@gmm/core';
import { Option } from 'commander';
import type { FitData } from '../io/weights.js';

export type MissingMode = 'error' | 'em';

/** --missing: core's missing option. */
export function missingOption(): Option {
  return new Option('--missing <mode>', "empty, NaN or NA cells: an error, or missing values fitted by EM on each row's other cells")
    .choices(['error', 'em'])
    .default('error');
}

/** What the CSV reader needs: read missing cells as NaN only with --missing em. */
export function readsMissing(mode: MissingMode): boolean {
  return mode === 'em';
}

/**
 * Σ w log p over the rows, a row with missing cells scored by the model's marginal over its observed columns
 * (model.score rejects NaN); rows are grouped by pattern so each marginal is built once.
 */
function marginalLogLikelihood(model: GaussianMixture, X: FitData): number {
  const { data, rows, cols } = X;
  const groups = new Map<string, { dims: number[]; values: number[][]; weights: number[] }>();
  for (let row = 0; row < rows; row++) {
    const values = Array.from(data.subarray(row * cols, (row + 1) * cols));
    const dims = values.flatMap((value, c) => (Number.isNaN(value) ? [] : [c]));
    const key = dims.join(',');
    const group = groups.get(key) ?? { dims, values: [], weights: [] };
    groups.set(key, group);
    group.values.push(dims.map((c) => values[c]!));
    group.weights.push(X.sampleWeight ? X.sampleWeight[row]! : 1);
  }
  let total = 0;
  for (const { dims, values, weights } of groups.values()) {
    const marginal = dims.length === cols ? model : model.marginal(dims);
    marginal.scoreSamples(values).forEach((logDensity, i) => {
      if (weights[i]! > 0) total += weights[i]! * logDensity;
    });
  }
  return total;
}

/** The fit's score (per unit of weight), BIC and AIC on its own data, which may have missing cells. */
export function fitCriteria(model: GaussianMixture, X: FitData): { score: number; bic: number; aic: number } {
  if (!X.data.some(Number.isNaN)) {
    return { score: model.score(X, X.sampleWeight), bic: model.bic(X, X.sampleWeight), aic: model.aic(X, X.sampleWeight) };
  }
  const logLikelihood = marginalLogLikelihood(model, X);
  // As core's criteria: the total weight is the number of samples.
  return {
    score: logLikelihood / X.totalWeight,
    bic: -2 * logLikelihood + model.nParameters * Math.log(X.totalWeight),
    aic: -2 * logLikelihood + 2 * model.nParameters,
  };
}
