/** Axis domains and scales of the plots (d3-scale does the mapping and the tick choice). */
import { scaleLinear, type ScaleLinear } from 'd3-scale';

/** [min, max] of column `col` of a row-major matrix, padded by `pad` of the range (a point gets ±0.5); NaN (missing) skipped. */
export function paddedExtent(data: Float64Array, rows: number, cols: number, col: number, pad = 0.05): [number, number] {
  let min = Infinity;
  let max = -Infinity;
  for (let i = 0; i < rows; i++) {
    const v = data[i * cols + col]!;
    if (v < min) min = v;
    if (v > max) max = v;
  }
  if (min > max) return [0, 1];
  if (min === max) return [min - 0.5, max + 0.5];
  const margin = (max - min) * pad;
  return [min - margin, max + margin];
}

export interface PlotArea {
  width: number;
  height: number;
  margin: { top: number; right: number; bottom: number; left: number };
}

export interface PlotScales {
  x: ScaleLinear<number, number>;
  y: ScaleLinear<number, number>;
}

/** Data → pixel scales with round ("nice") domains; y grows upwards. */
export function plotScales(xDomain: [number, number], yDomain: [number, number], area: PlotArea): PlotScales {
  const { width, height, margin } = area;
  return {
    x: scaleLinear().domain(xDomain).nice().range([margin.left, width - margin.right]),
    y: scaleLinear().domain(yDomain).nice().range([height - margin.bottom, margin.top]),
  };
}

/** The round domain plotScales gives an axis of data spanning `domain`. */
export function niceDomain(domain: [number, number]): [number, number] {
  return scaleLinear().domain(domain).nice().domain() as [number, number];
}
