/** Vega spec: the selection criterion against k, one line per covariance type (as mclust's plot(BIC)). */
import type { Spec } from 'vega';
import { PLOT_HEIGHT, PLOT_WIDTH } from './render.js';

export interface CriterionData {
  /** "BIC" or "AIC". */
  readonly criterion: string;
  /** Successful candidates only (failed ones have no value). */
  readonly points: { covarianceType: string; k: number; value: number }[];
  readonly best: { covarianceType: string; k: number; value: number };
  readonly title: string;
}

export function criterionSpec(data: CriterionData): Spec {
  return {
    $schema: 'https://vega.github.io/schema/vega/v6.json',
    width: PLOT_WIDTH,
    height: PLOT_HEIGHT,
    padding: 8,
    background: 'white',
    title: { text: data.title },
    data: [
      { name: 'points', values: data.points },
      { name: 'best', values: [data.best] },
    ],
    scales: [
      { name: 'x', type: 'point', domain: { data: 'points', field: 'k', sort: true }, range: 'width', padding: 0.5 },
      { name: 'y', type: 'linear', domain: { data: 'points', field: 'value' }, range: 'height', nice: true, zero: false },
      { name: 'color', type: 'ordinal', domain: { data: 'points', field: 'covarianceType', sort: true }, range: 'category' },
    ],
    axes: [
      { orient: 'bottom', scale: 'x', title: 'number of components' },
      { orient: 'left', scale: 'y', title: `${data.criterion} (lower is better)`, grid: true },
    ],
    legends: [{ stroke: 'color', fill: 'color', title: 'covariance' }],
    marks: [
      {
        type: 'group',
        from: { facet: { name: 'series', data: 'points', groupby: 'covarianceType' } },
        marks: [
          {
            type: 'line',
            name: 'criterion',
            from: { data: 'series' },
            sort: { field: 'datum.k' },
            encode: {
              enter: {
                x: { scale: 'x', field: 'k' },
                y: { scale: 'y', field: 'value' },
                stroke: { scale: 'color', field: 'covarianceType' },
                strokeWidth: { value: 2 },
              },
            },
          },
          {
            type: 'symbol',
            name: 'candidate',
            from: { data: 'series' },
            encode: {
              enter: {
                x: { scale: 'x', field: 'k' },
                y: { scale: 'y', field: 'value' },
                fill: { scale: 'color', field: 'covarianceType' },
                size: { value: 40 },
              },
            },
          },
        ],
      },
      {
        type: 'symbol',
        name: 'best-marker',
        from: { data: 'best' },
        encode: {
          enter: {
            x: { scale: 'x', field: 'k' },
            y: { scale: 'y', field: 'value' },
            shape: { value: 'circle' },
            size: { value: 300 },
            fill: { value: 'transparent' },
            stroke: { value: 'black' },
            strokeWidth: { value: 2 },
          },
        },
      },
    ],
  };
}
