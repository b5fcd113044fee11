/** One-column data: a density-scaled histogram, each weighted component density, and their sum (SVG). */
import { scaleLinear } from 'd3-scale';
import { line } from 'd3-shape';
import { useMemo } from 'react';
import type { SourceData } from '../data-sources.js';
import { componentColor, rgbCss } from '../view/colors.js';
import type { ViewComponent } from '../view/components.js';
import { densityCurves } from '../view/density.js';
import { histogram } from '../view/histogram.js';
import { paddedExtent } from '../view/scales.js';
import type { HoverPoint } from './PlotArea.js';

interface Props {
  source: SourceData;
  col: number;
  components: ViewComponent[] | undefined;
  width: number;
  height: number;
  onHover: (point: HoverPoint | undefined) => void;
}

const M = { top: 12, right: 14, bottom: 44, left: 56 };

export function HistogramPlot({ source, col, components, width, height, onHover }: Props) {
  const values = useMemo(() => Array.from({ length: source.rows }, (_, i) => source.data[i * source.cols + col]!), [source, col]);
  if (values.length === 0) return <svg className="plot" width={width} height={height} role="img" aria-label="No data yet" />;
  const bins = histogram(values);
  const curves = components ? densityCurves(components, paddedExtent(source.data, source.rows, source.cols, col)) : undefined;
  const top = Math.max(...bins.densities, ...(curves?.total ?? []));
  const x = scaleLinear().domain(paddedExtent(source.data, source.rows, source.cols, col)).nice().range([M.left, width - M.right]);
  const y = scaleLinear().domain([0, top * 1.05]).nice().range([height - M.bottom, M.top]);
  const path = line<number>().x((_, i) => x(curves!.xs[i]!)).y((d) => y(d));
  const bottom = height - M.bottom;
  const xCount = Math.max(2, Math.floor(width / 90));

  const hover = (event: React.PointerEvent<SVGSVGElement>) => {
    const rect = event.currentTarget.getBoundingClientRect();
    const left = event.clientX - rect.left;
    const at = x.invert(left);
    let best = 0;
    values.forEach((v, i) => {
      if (Math.abs(v - at) < Math.abs(values[best]! - at)) best = i;
    });
    onHover({ row: best, left, top: event.clientY - rect.top });
  };

  return (
    <svg
      className="plot"
      width={width}
      height={height}
      role="img"
      data-testid="plot"
      data-ellipses={0}
      data-curves={components?.length ?? 0}
      aria-label={`Histogram of ${source.rows} values of ${source.columns[col]}${components ? `, with ${components.length} weighted component densities and their sum` : ''}. Hover to see the nearest value's responsibilities.`}
      onPointerMove={hover}
      onPointerDown={hover}
      onPointerLeave={() => onHover(undefined)}
    >
      {bins.counts.map((_, b) => (
        <rect
          key={b}
          x={x(bins.edges[b]!)}
          width={Math.max(0, x(bins.edges[b + 1]!) - x(bins.edges[b]!) - 1)}
          y={y(bins.densities[b]!)}
          height={bottom - y(bins.densities[b]!)}
          fill="#c9d3e3"
        />
      ))}
      {curves?.components.map((curve, j) => (
        <path key={j} d={path(curve) ?? ''} fill="none" stroke={rgbCss(componentColor(j))} strokeWidth={2} />
      ))}
      {curves && <path d={path(curves.total) ?? ''} fill="none" stroke="#222" strokeWidth={2.5} strokeDasharray="6 3" />}
      <g className="axis">
        <line x1={M.left} x2={width - M.right} y1={bottom} y2={bottom} />
        {x.ticks(xCount).map((t) => (
          <g key={t} transform={`translate(${x(t)},${bottom})`}>
            <line y2={5} />
            <text y={18} textAnchor="middle">
              {x.tickFormat(xCount)(t)}
            </text>
          </g>
        ))}
        <text x={M.left + (width - M.left - M.right) / 2} y={height - 6} textAnchor="middle">
          {source.columns[col]}
        </text>
        <line x1={M.left} x2={M.left} y1={M.top} y2={bottom} />
        {y.ticks(5).map((t) => (
          <g key={t} transform={`translate(${M.left},${y(t)})`}>
            <line x2={-5} />
            <text x={-8} dy="0.32em" textAnchor="end">
              {y.tickFormat(5)(t)}
            </text>
          </g>
        ))}
        <text transform={`translate(14,${M.top + (bottom - M.top) / 2}) rotate(-90)`} textAnchor="middle">
          density
        </text>
      </g>
    </svg>
  );
}
