/**
 * The "predict y from x" overlay on the scatter plot (its own canvas, so following the pointer never redraws the
 * points): the regression curve E[y | x] with its ±2σ band, and at the pointer's x the conditional density p(y | x)
 * drawn sideways from a vertical line.
 */
import { useEffect, useRef } from 'react';
import { densityProfile, twoSigmaBand } from '../view/conditional.js';
import type { PlotArea, PlotScales } from '../view/scales.js';
import type { Conditional, RegressionCurve } from '../worker/messages.js';

export interface Prediction {
  curve: RegressionCurve | undefined;
  conditional: Conditional | undefined;
}

interface Props {
  prediction: Prediction;
  scales: PlotScales;
  area: PlotArea;
}

const CURVE_COLOR = '#1f3a5f';
/** Width, in CSS pixels, of the tallest point of the sideways density. */
const DENSITY_WIDTH = 70;

function drawCurve(ctx: CanvasRenderingContext2D, curve: RegressionCurve, scales: PlotScales): void {
  const { xs, mean } = curve;
  const { lower, upper } = twoSigmaBand(mean, curve.variance);
  ctx.beginPath();
  xs.forEach((x, i) => ctx.lineTo(scales.x(x), scales.y(upper[i]!)));
  for (let i = xs.length - 1; i >= 0; i--) ctx.lineTo(scales.x(xs[i]!), scales.y(lower[i]!));
  ctx.closePath();
  ctx.fillStyle = 'rgba(31, 58, 95, 0.14)';
  ctx.fill();
  for (const edge of [lower, upper]) {
    ctx.beginPath();
    xs.forEach((x, i) => ctx.lineTo(scales.x(x), scales.y(edge[i]!)));
    ctx.setLineDash([4, 3]);
    ctx.lineWidth = 1;
    ctx.strokeStyle = CURVE_COLOR;
    ctx.stroke();
  }
  ctx.setLineDash([]);
  ctx.beginPath();
  xs.forEach((x, i) => ctx.lineTo(scales.x(x), scales.y(mean[i]!)));
  ctx.lineWidth = 2.5;
  ctx.stroke();
}

function drawConditional(ctx: CanvasRenderingContext2D, conditional: Conditional, scales: PlotScales): void {
  const px = scales.x(conditional.x);
  const [top, bottom] = [scales.y.range()[1]!, scales.y.range()[0]!];
  ctx.beginPath();
  ctx.moveTo(px, top);
  ctx.lineTo(px, bottom);
  ctx.lineWidth = 1;
  ctx.strokeStyle = '#c0392b';
  ctx.stroke();
  const profile = densityProfile(conditional, scales.y.domain() as [number, number]);
  if (!(profile.max > 0)) return;
  ctx.beginPath();
  ctx.moveTo(px, scales.y(profile.ys[0]!));
  profile.ys.forEach((y, i) => ctx.lineTo(px + (profile.density[i]! / profile.max) * DENSITY_WIDTH, scales.y(y)));
  ctx.lineTo(px, scales.y(profile.ys.at(-1)!));
  ctx.closePath();
  ctx.fillStyle = 'rgba(192, 57, 43, 0.25)';
  ctx.fill();
  ctx.lineWidth = 2;
  ctx.stroke();
  ctx.beginPath();
  ctx.arc(px, scales.y(conditional.mean), 4, 0, 2 * Math.PI);
  ctx.fillStyle = '#c0392b';
  ctx.fill();
}

export function PredictionLayer({ prediction, scales, area }: Props) {
  const canvasRef = useRef<HTMLCanvasElement>(null);
  const { width, height, margin } = area;

  useEffect(() => {
    const canvas = canvasRef.current;
    const ctx = canvas?.getContext('2d');
    if (!canvas || !ctx) return;
    const dpr = window.devicePixelRatio || 1;
    canvas.width = Math.round(width * dpr);
    canvas.height = Math.round(height * dpr);
    ctx.setTransform(dpr, 0, 0, dpr, 0, 0);
    ctx.clearRect(0, 0, width, height);
    ctx.save();
    ctx.beginPath();
    ctx.rect(margin.left, margin.top, width - margin.left - margin.right, height - margin.top - margin.bottom);
    ctx.clip();
    if (prediction.curve) drawCurve(ctx, prediction.curve, scales);
    if (prediction.conditional) drawConditional(ctx, prediction.conditional, scales);
    ctx.restore();
  }, [prediction, scales, width, height, margin]);

  return (
    <canvas
      ref={canvasRef}
      className="plot-overlay"
      style={{ width, height }}
      aria-hidden="true"
      data-testid="regression"
      data-regression-points={prediction.curve?.xs.length ?? 0}
      data-x-domain={scales.x.domain().join(',')}
      data-x-range={scales.x.range().join(',')}
    />
  );
}
