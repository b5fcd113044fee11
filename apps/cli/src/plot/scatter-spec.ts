/** Vega spec: the data coloured by component, each component's mean and its 1σ and 2σ covariance ellipses. */
import type { Spec } from 'vega';
import { PLOT_HEIGHT, PLOT_WIDTH } from './render.js';

export interface ScatterData {
  readonly xName: string;
  readonly yName: string;
  readonly points: { x: number; y: number; component: number }[];
  readonly means: { x: number; y: number; component: number }[];
  /** One row per outline point; `level` is 1 or 2 (σ), `order` keeps the outline in sequence. */
  readonly ellipses: { x: number; y: number; component: number; level: number; order: number }[];
  readonly title: string;
}

const bothFields = (field: 'x' | 'y') => ({
  fields: [
    { data: 'points', field },
    { data: 'ellipses', field },
  ],
});

export function scatterSpec(data: ScatterData): Spec {
  return {
    $schema: 'https://vega.github.io/schema/vega/v6.json',
    width: PLOT_WIDTH,
    height: PLOT_HEIGHT,
    padding: 8,
    background: 'white',
    title: { text: data.title },
    data: [
      { name: 'points', values: data.points },
      { name: 'means', values: data.means },
      { name: 'ellipses', values: data.ellipses },
    ],
    scales: [
      { name: 'x', type: 'linear', domain: bothFields('x'), range: 'width', nice: true, zero: false },
      { name: 'y', type: 'linear', domain: bothFields('y'), range: 'height', nice: true, zero: false },
      { name: 'color', type: 'ordinal', domain: { data: 'means', field: 'component', sort: true }, range: 'category' },
    ],
    axes: [
      { orient: 'bottom', scale: 'x', title: data.xName, grid: true },
      { orient: 'left', scale: 'y', title: data.yName, grid: true },
    ],
    legends: [{ fill: 'color', title: 'component', symbolType: 'circle' }],
    marks: [
      {
        type: 'symbol',
        name: 'point',
        from: { data: 'points' },
        encode: {
          enter: {
            x: { scale: 'x', field: 'x' },
            y: { scale: 'y', field: 'y' },
            fill: { scale: 'color', field: 'component' },
            size: { value: 14 },
            opacity: { value: 0.55 },
          },
        },
      },
      {
        type: 'group',
        from: { facet: { name: 'outline', data: 'ellipses', groupby: ['component', 'level'] } },
        marks: [
          {
            type: 'line',
            name: 'ellipse',
            from: { data: 'outline' },
            sort: { field: 'datum.order' },
            encode: {
              enter: {
                x: { scale: 'x', field: 'x' },
                y: { scale: 'y', field: 'y' },
                stroke: { scale: 'color', field: 'component' },
                strokeWidth: { value: 2 },
                strokeDash: { signal: "datum.level === 2 ? [6, 4] : [1, 0]" },
              },
            },
          },
        ],
      },
      {
        type: 'symbol',
        name: 'mean',
        from: { data: 'means' },
        encode: {
          enter: {
            x: { scale: 'x', field: 'x' },
            y: { scale: 'y', field: 'y' },
            shape: { value: 'cross' },
            size: { value: 160 },
            fill: { scale: 'color', field: 'component' },
            stroke: { value: 'black' },
            strokeWidth: { value: 1 },
          },
        },
      },
    ],
  };
}
