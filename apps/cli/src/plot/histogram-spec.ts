/** Vega spec: a density histogram of one column with the weighted component densities and their sum. */
import type { Spec } from 'vega';
import { PLOT_HEIGHT, PLOT_WIDTH } from './render.js';

export interface HistogramData {
  readonly name: string;
  /** Bars with their height as a density (count / (n · width)). */
  readonly bins: { x0: number; x1: number; density: number }[];
  /** Curves on a grid: one series per component ("component 0", …) and "mixture" for the sum. */
  readonly curves: { series: string; x: number; y: number }[];
  readonly title: string;
}

export function histogramSpec(data: HistogramData): Spec {
  return {
    $schema: 'https://vega.github.io/schema/vega/v6.json',
    width: PLOT_WIDTH,
    height: PLOT_HEIGHT,
    padding: 8,
    background: 'white',
    title: { text: data.title },
    data: [
      { name: 'bins', values: data.bins },
      { name: 'curves', values: data.curves },
    ],
    scales: [
      {
        name: 'x',
        type: 'linear',
        domain: { fields: [{ data: 'bins', field: 'x0' }, { data: 'bins', field: 'x1' }, { data: 'curves', field: 'x' }] },
        range: 'width',
        zero: false,
      },
      {
        name: 'y',
        type: 'linear',
        domain: { fields: [{ data: 'bins', field: 'density' }, { data: 'curves', field: 'y' }] },
        range: 'height',
        nice: true,
        zero: true,
      },
      { name: 'color', type: 'ordinal', domain: { data: 'curves', field: 'series', sort: true }, range: 'category' },
    ],
    axes: [
      { orient: 'bottom', scale: 'x', title: data.name, grid: false },
      { orient: 'left', scale: 'y', title: 'density', grid: true },
    ],
    legends: [{ stroke: 'color', title: 'density', symbolType: 'stroke' }],
    marks: [
      {
        type: 'rect',
        name: 'bar',
        from: { data: 'bins' },
        encode: {
          enter: {
            x: { scale: 'x', field: 'x0' },
            x2: { scale: 'x', field: 'x1' },
            y: { scale: 'y', field: 'density' },
            y2: { scale: 'y', value: 0 },
            fill: { value: '#d0d0d0' },
            stroke: { value: 'white' },
          },
        },
      },
      {
        type: 'group',
        from: { facet: { name: 'series', data: 'curves', groupby: 'series' } },
        marks: [
          {
            type: 'line',
            name: 'density',
            from: { data: 'series' },
            sort: { field: 'datum.x' },
            encode: {
              enter: {
                x: { scale: 'x', field: 'x' },
                y: { scale: 'y', field: 'y' },
                stroke: { scale: 'color', field: 'series' },
                strokeWidth: { signal: "datum.series === 'mixture' ? 3 : 1.5" },
              },
            },
          },
        ],
      },
    ],
  };
}
