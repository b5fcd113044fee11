/** From a model and its data to the values the plot specs draw. */
import { ellipsePoints, type GaussianMixture } from '@gmm/core';
import type { HistogramData } from './histogram-spec.js';
import type { ScatterData } from './scatter-spec.js';

export interface PlotMatrix {
  readonly data: Float64Array;
  readonly rows: number;
  readonly cols: number;
}

/** At most this many points are drawn (every n-th row beyond it): an SVG of millions of circles helps nobody. */
export const MAX_POINTS = 20000;

const SIGMA_LEVELS = [1, 2];

export function scatterData(
  model: GaussianMixture,
  X: PlotMatrix,
  labels: Int32Array,
  axes: { x: number; y: number },
  names: readonly string[],
): ScatterData {
  const stride = Math.ceil(X.rows / MAX_POINTS);
  const points: ScatterData['points'] = [];
  for (let row = 0; row < X.rows; row += stride) {
    points.push({ x: X.data[row * X.cols + axes.x]!, y: X.data[row * X.cols + axes.y]!, component: labels[row]! });
  }
  const means = model.means.map((mean, component) => ({ x: mean[axes.x]!, y: mean[axes.y]!, component }));
  const ellipses = model.means.flatMap((mean, component) => {
    const full = model.componentCovariance(component);
    const covariance = [
      [full[axes.x]![axes.x]!, full[axes.x]![axes.y]!],
      [full[axes.y]![axes.x]!, full[axes.y]![axes.y]!],
    ];
    return SIGMA_LEVELS.flatMap((level) =>
      ellipsePoints([mean[axes.x]!, mean[axes.y]!], covariance, level).map((point, order) => ({ ...point, component, level, order })),
    );
  });
  const shown = stride > 1 ? `, every ${stride}th of ${X.rows} rows shown` : '';
  return {
    xName: names[axes.x]!,
    yName: names[axes.y]!,
    points,
    means,
    ellipses,
    title: `${model.nComponents}-component ${model.covarianceType} mixture: means, 1σ and 2σ ellipses${shown}`,
  };
}

const GRID_POINTS = 200;

function normalDensity(x: number, mean: number, variance: number): number {
  return Math.exp(-((x - mean) ** 2) / (2 * variance)) / Math.sqrt(2 * Math.PI * variance);
}

/** Histogram of one column (Rice rule bins, 10..80) with each component's weighted marginal density and the sum. */
export function histogramData(model: GaussianMixture, X: PlotMatrix, column: number, names: readonly string[]): HistogramData {
  let min = Infinity;
  let max = -Infinity;
  for (let row = 0; row < X.rows; row++) {
    const value = X.data[row * X.cols + column]!;
    min = Math.min(min, value);
    max = Math.max(max, value);
  }
  const binCount = Math.min(80, Math.max(10, Math.ceil(2 * Math.cbrt(X.rows))));
  const width = max > min ? (max - min) / binCount : 1;
  const counts = new Float64Array(binCount);
  for (let row = 0; row < X.rows; row++) {
    counts[Math.min(binCount - 1, Math.floor((X.data[row * X.cols + column]! - min) / width))]! += 1;
  }
  const bins = Array.from(counts, (count, i) => ({ x0: min + i * width, x1: min + (i + 1) * width, density: count / (X.rows * width) }));

  const marginals = model.means.map((mean, j) => ({
    weight: model.weights[j]!,
    mean: mean[column]!,
    variance: model.componentCovariance(j)[column]![column]!,
  }));
  const spread = Math.max(...marginals.map((m) => 3 * Math.sqrt(m.variance)));
  const from = Math.min(min, ...marginals.map((m) => m.mean - spread));
  const to = Math.max(min + binCount * width, ...marginals.map((m) => m.mean + spread));
  const curves: HistogramData['curves'] = [];
  for (let i = 0; i < GRID_POINTS; i++) {
    const x = from + ((to - from) * i) / (GRID_POINTS - 1);
    let sum = 0;
    marginals.forEach((m, j) => {
      const y = m.weight * normalDensity(x, m.mean, m.variance);
      sum += y;
      curves.push({ series: `component ${j}`, x, y });
    });
    curves.push({ series: 'mixture', x, y: sum });
  }
  return {
    name: names[column]!,
    bins,
    curves,
    title: `${model.nComponents}-component ${model.covarianceType} mixture: weighted component densities and their sum`,
  };
}
