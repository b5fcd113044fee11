/**
 * Responsibilities of every data row for the page (colours, tooltip, export). core's predictProba rejects NaN,
 * so a row with missing values gets its posterior from the mixture's marginal over its observed coordinates:
 * the responsibilities the E-step of a missing 'em' fit gives it.
 */
import type { GaussianMixture } from '@gmm/core';
import type { WorkerData } from './messages.js';

export function rowResponsibilities(model: GaussianMixture, dataset: WorkerData): Float64Array {
  const { data, rows, cols } = dataset;
  if (dataset.missing !== 'em') return model.predictProba({ data, rows, cols }).data;
  const k = model.nComponents;
  const out = new Float64Array(rows * k);
  for (const { observed, rowIndex } of rowsByObservedColumns(dataset)) {
    const sub = new Float64Array(rowIndex.length * observed.length);
    rowIndex.forEach((i, r) => observed.forEach((c, o) => (sub[r * observed.length + o] = data[i * cols + c]!)));
    const mixture = observed.length === cols ? model : model.marginal(observed);
    const proba = mixture.predictProba({ data: sub, rows: rowIndex.length, cols: observed.length }).data;
    rowIndex.forEach((i, r) => out.set(proba.subarray(r * k, (r + 1) * k), i * k));
  }
  return out;
}

/** Rows grouped by which columns they have (one marginal per pattern, not per row). */
function rowsByObservedColumns({ data, rows, cols }: WorkerData): { observed: number[]; rowIndex: number[] }[] {
  const byKey = new Map<string, { observed: number[]; rowIndex: number[] }>();
  for (let i = 0; i < rows; i++) {
    const observed = Array.from({ length: cols }, (_, c) => c).filter((c) => !Number.isNaN(data[i * cols + c]!));
    const key = observed.join(',');
    const group = byKey.get(key) ?? { observed, rowIndex: [] };
    group.rowIndex.push(i);
    byKey.set(key, group);
  }
  return [...byKey.values()];
}
