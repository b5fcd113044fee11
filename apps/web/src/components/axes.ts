/** Axes for the canvas plots: ticks chosen by d3-scale, drawn with the 2-D context. */
import type { ScaleLinear } from 'd3-scale';
import type { PlotArea } from '../view/scales.js';

export function drawAxes(
  ctx: CanvasRenderingContext2D,
  scales: { x: ScaleLinear<number, number>; y: ScaleLinear<number, number> },
  area: PlotArea,
  xLabel: string,
  yLabel: string,
): void {
  const { width, height, margin } = area;
  const bottom = height - margin.bottom;
  ctx.save();
  ctx.strokeStyle = '#888';
  ctx.fillStyle = '#333';
  ctx.lineWidth = 1;
  ctx.font = '12px system-ui, sans-serif';
  ctx.beginPath();
  ctx.moveTo(margin.left, margin.top);
  ctx.lineTo(margin.left, bottom);
  ctx.lineTo(width - margin.right, bottom);
  ctx.stroke();
  ctx.textAlign = 'center';
  ctx.textBaseline = 'top';
  const xCount = Math.max(2, Math.floor(width / 90));
  const xFormat = scales.x.tickFormat(xCount);
  for (const tick of scales.x.ticks(xCount)) {
    const x = scales.x(tick);
    ctx.beginPath();
    ctx.moveTo(x, bottom);
    ctx.lineTo(x, bottom + 5);
    ctx.stroke();
    ctx.fillText(xFormat(tick), x, bottom + 7);
  }
  ctx.fillText(xLabel, margin.left + (width - margin.left - margin.right) / 2, bottom + 24);
  ctx.textAlign = 'right';
  ctx.textBaseline = 'middle';
  const yCount = Math.max(2, Math.floor(height / 60));
  const yFormat = scales.y.tickFormat(yCount);
  for (const tick of scales.y.ticks(yCount)) {
    const y = scales.y(tick);
    ctx.beginPath();
    ctx.moveTo(margin.left - 5, y);
    ctx.lineTo(margin.left, y);
    ctx.stroke();
    ctx.fillText(yFormat(tick), margin.left - 7, y);
  }
  ctx.translate(14, margin.top + (bottom - margin.top) / 2);
  ctx.rotate(-Math.PI / 2);
  ctx.textAlign = 'center';
  ctx.fillText(yLabel, 0, 0);
  ctx.restore();
}
