/** Mean log-likelihood per iteration of the current restart, as a line chart (d3-scale + d3-shape, SVG). */
import { scaleLinear } from 'd3-scale';
import { line } from 'd3-shape';
import { useRef } from 'react';
import { formatNumber } from '../view/format.js';
import type { FitUpdate } from '../worker/messages.js';
import { useWidth } from './useSize.js';

const M = { top: 10, right: 12, bottom: 34, left: 62 };

export function LogLikelihoodChart({ update }: { update: FitUpdate | undefined }) {
  const box = useRef<HTMLDivElement>(null);
  const width = useWidth(box, 320);
  const height = 180;
  const values = update?.lowerBounds ?? [];
  const x = scaleLinear().domain([1, Math.max(2, values.length)]).range([M.left, width - M.right]);
  const lo = Math.min(...values);
  const hi = Math.max(...values);
  const pad = (hi - lo) * 0.05 || Math.abs(hi) * 0.01 || 1;
  const y = scaleLinear().domain(values.length ? [lo - pad, hi + pad] : [0, 1]).nice().range([height - M.bottom, M.top]);
  const path = line<number>().x((_, i) => x(i + 1)).y((v) => y(v));
  const bottom = height - M.bottom;

  return (
    <section className="panel" aria-labelledby="loglik-title">
      <h2 id="loglik-title">Log-likelihood per point</h2>
      <div ref={box}>
        <svg
          width={width}
          height={height}
          role="img"
          data-testid="loglik-chart"
          data-points={values.length}
          aria-label={values.length ? `Mean log-likelihood over ${values.length} iterations, from ${formatNumber(values[0]!)} to ${formatNumber(values.at(-1)!)}` : 'No fit yet'}
        >
          <g className="axis">
            <line x1={M.left} x2={width - M.right} y1={bottom} y2={bottom} />
            {x.ticks(Math.min(6, Math.max(1, values.length - 1))).filter(Number.isInteger).map((t) => (
              <g key={t} transform={`translate(${x(t)},${bottom})`}>
                <line y2={4} />
                <text y={16} textAnchor="middle">
                  {t}
                </text>
              </g>
            ))}
            <text x={M.left + (width - M.left - M.right) / 2} y={height - 4} textAnchor="middle">
              iteration
            </text>
            <line x1={M.left} x2={M.left} y1={M.top} y2={bottom} />
            {y.ticks(4).map((t) => (
              <g key={t} transform={`translate(${M.left},${y(t)})`}>
                <line x2={-4} />
                <text x={-6} dy="0.32em" textAnchor="end">
                  {y.tickFormat(4)(t)}
                </text>
              </g>
            ))}
          </g>
          {values.length > 0 && <path d={path(values) ?? ''} fill="none" stroke="#0072b2" strokeWidth={2} />}
          {values.map((v, i) => (values.length <= 60 ? <circle key={i} cx={x(i + 1)} cy={y(v)} r={2.5} fill="#0072b2" /> : null))}
        </svg>
      </div>
      {update && update.nInit > 1 && <p className="hint">Restart {update.init + 1} of {update.nInit}{update.finished ? ' (the best restart is shown)' : ''}.</p>}
    </section>
  );
}
