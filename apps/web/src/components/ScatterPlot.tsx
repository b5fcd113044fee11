/**
 * The 2-D plot on one canvas: shaded mixture density (a coarse grid, scaled up), points in their blended
 * responsibility colours (one pass; a pixel buffer past ARC_LIMIT points), 1σ and 2σ ellipses, means, axes.
 * Click-and-drag sprays points when the data are a drawing.
 */
import { ellipsePoints } from '@gmm/core';
import { useEffect, useMemo, useRef } from 'react';
import { DRAW_DOMAIN, withPoints, type SourceData } from '../data-sources.js';
import { componentColor, rgbCss } from '../view/colors.js';
import type { ViewComponent } from '../view/components.js';
import { densityGrid } from '../view/density.js';
import { paddedExtent, plotScales, type PlotArea, type PlotScales } from '../view/scales.js';
import { drawAxes } from './axes.js';
import type { HoverPoint } from './PlotArea.js';
import { PredictionLayer, type Prediction } from './PredictionLayer.js';

interface Props {
  source: SourceData;
  xCol: number;
  yCol: number;
  components: ViewComponent[] | undefined;
  colors: Uint32Array | undefined;
  width: number;
  height: number;
  onHover: (point: HoverPoint | undefined) => void;
  onDraw: (source: SourceData) => void;
  /** The "predict y from x" overlay, when it is on. */
  prediction: Prediction | undefined;
  /** The x value under the pointer (undefined outside the plot), while the prediction overlay is on. */
  onPointerX: (x: number | undefined) => void;
}

const MARGIN = { top: 12, right: 14, bottom: 44, left: 56 };
/** Up to this many points are drawn as antialiased discs; beyond, as squares in a pixel buffer. */
const ARC_LIMIT = 5000;
/** CSS pixels per density grid cell: the grid is computed coarse and smoothed when scaled up. */
const DENSITY_CELL = 5;
const HOVER_RADIUS = 12;

function drawDensity(ctx: CanvasRenderingContext2D, components: ViewComponent[], scales: PlotScales, area: PlotArea): void {
  const x0 = area.margin.left;
  const y0 = area.margin.top;
  const w = area.width - area.margin.left - area.margin.right;
  const h = area.height - area.margin.top - area.margin.bottom;
  const nx = Math.max(2, Math.ceil(w / DENSITY_CELL));
  const ny = Math.max(2, Math.ceil(h / DENSITY_CELL));
  const grid = densityGrid(components, scales.x.domain() as [number, number], scales.y.domain() as [number, number], nx, ny);
  if (!(grid.max > 0)) return;
  const image = new ImageData(nx, ny);
  for (let i = 0; i < nx * ny; i++) {
    // Square root: the tails stay visible next to the peaks.
    const alpha = Math.sqrt(grid.values[i]! / grid.max);
    image.data[i * 4] = 60;
    image.data[i * 4 + 1] = 80;
    image.data[i * 4 + 2] = 140;
    image.data[i * 4 + 3] = Math.round(alpha * 110);
  }
  const small = new OffscreenCanvas(nx, ny);
  small.getContext('2d')!.putImageData(image, 0, 0);
  ctx.imageSmoothingEnabled = true;
  ctx.drawImage(small, x0, y0, w, h);
}

/** A row missing the x or y value (fitted with missing values) has no place on the plot. */
const hasGap = (data: Float64Array, i: number, cols: number, xCol: number, yCol: number) =>
  Number.isNaN(data[i * cols + xCol]!) || Number.isNaN(data[i * cols + yCol]!);

function drawPoints(ctx: CanvasRenderingContext2D, props: Props, scales: PlotScales, dpr: number): void {
  const { source, xCol, yCol, colors } = props;
  const { data, rows, cols } = source;
  const fallback = 0x555555;
  if (rows <= ARC_LIMIT) {
    const radius = rows > 1000 ? 2.5 : 3.5;
    ctx.globalAlpha = 0.85;
    for (let i = 0; i < rows; i++) {
      if (hasGap(data, i, cols, xCol, yCol)) continue;
      const c = colors?.[i] ?? fallback;
      ctx.fillStyle = `rgb(${c >> 16}, ${(c >> 8) & 255}, ${c & 255})`;
      ctx.beginPath();
      ctx.arc(scales.x(data[i * cols + xCol]!), scales.y(data[i * cols + yCol]!), radius, 0, 2 * Math.PI);
      ctx.fill();
    }
    ctx.globalAlpha = 1;
    return;
  }
  // Many points: write pixels directly (ImageData is RGBA bytes, so the 32-bit view is ABGR on little-endian).
  const w = ctx.canvas.width;
  const h = ctx.canvas.height;
  const buffer = new ImageData(w, h);
  const pixels = new Uint32Array(buffer.data.buffer);
  const size = Math.max(1, Math.round(dpr * (rows > 50_000 ? 1 : 1.5)));
  for (let i = 0; i < rows; i++) {
    if (hasGap(data, i, cols, xCol, yCol)) continue;
    const c = colors?.[i] ?? fallback;
    const abgr = (0xff000000 | ((c & 255) << 16) | (c & 0xff00) | (c >> 16)) >>> 0;
    const px = Math.round(scales.x(data[i * cols + xCol]!) * dpr);
    const py = Math.round(scales.y(data[i * cols + yCol]!) * dpr);
    for (let dy = 0; dy < size; dy++) {
      const y = py + dy;
      if (y < 0 || y >= h) continue;
      for (let dx = 0; dx < size; dx++) {
        const x = px + dx;
        if (x >= 0 && x < w) pixels[y * w + x] = abgr;
      }
    }
  }
  const layer = new OffscreenCanvas(w, h);
  layer.getContext('2d')!.putImageData(buffer, 0, 0);
  ctx.save();
  ctx.setTransform(1, 0, 0, 1, 0, 0);
  ctx.drawImage(layer, 0, 0);
  ctx.restore();
}

function drawComponents(ctx: CanvasRenderingContext2D, components: ViewComponent[], scales: PlotScales): void {
  components.forEach((component, j) => {
    const color = rgbCss(componentColor(j));
    // Darker than the points of the same component, so the outline shows over a dense cloud of them.
    const outlineColor = rgbCss(componentColor(j).map((c) => Math.round(c * 0.55)) as [number, number, number]);
    const mean = component.mean as [number, number];
    for (const scale of [1, 2]) {
      const outline = ellipsePoints(mean, component.covariance, scale);
      ctx.beginPath();
      outline.forEach(({ x, y }, i) => (i === 0 ? ctx.moveTo(scales.x(x), scales.y(y)) : ctx.lineTo(scales.x(x), scales.y(y))));
      ctx.setLineDash(scale === 1 ? [] : [6, 4]);
      ctx.lineWidth = scale === 1 ? 2.5 : 1.5;
      ctx.strokeStyle = 'white';
      ctx.globalAlpha = 0.7;
      ctx.lineWidth += 2;
      ctx.stroke();
      ctx.globalAlpha = 1;
      ctx.lineWidth -= 2;
      ctx.strokeStyle = outlineColor;
      ctx.stroke();
    }
    ctx.setLineDash([]);
    const mx = scales.x(mean[0]);
    const my = scales.y(mean[1]);
    ctx.beginPath();
    ctx.arc(mx, my, 6, 0, 2 * Math.PI);
    ctx.fillStyle = color;
    ctx.strokeStyle = 'white';
    ctx.lineWidth = 2;
    ctx.fill();
    ctx.stroke();
  });
}

export function ScatterPlot(props: Props) {
  const { source, xCol, yCol, components, colors, width, height, onHover, onDraw, prediction, onPointerX } = props;
  const canvasRef = useRef<HTMLCanvasElement>(null);
  const drawingRef = useRef(false);
  const area: PlotArea = useMemo(() => ({ width, height, margin: MARGIN }), [width, height]);
  const scales = useMemo(() => {
    const xDomain = source.fixedDomain ?? paddedExtent(source.data, source.rows, source.cols, xCol);
    const yDomain = source.fixedDomain ?? paddedExtent(source.data, source.rows, source.cols, yCol);
    return plotScales(xDomain, yDomain, area);
  }, [source, xCol, yCol, area]);
  const scalesRef = useRef<PlotScales>(scales);
  scalesRef.current = scales;

  useEffect(() => {
    const canvas = canvasRef.current;
    if (!canvas) return;
    const dpr = window.devicePixelRatio || 1;
    canvas.width = Math.round(width * dpr);
    canvas.height = Math.round(height * dpr);
    const ctx = canvas.getContext('2d');
    if (!ctx) return;
    ctx.setTransform(dpr, 0, 0, dpr, 0, 0);
    ctx.clearRect(0, 0, width, height);
    ctx.save();
    ctx.beginPath();
    ctx.rect(MARGIN.left, MARGIN.top, width - MARGIN.left - MARGIN.right, height - MARGIN.top - MARGIN.bottom);
    ctx.clip();
    if (components) drawDensity(ctx, components, scales, area);
    drawPoints(ctx, props, scales, dpr);
    if (components) drawComponents(ctx, components, scales);
    ctx.restore();
    drawAxes(ctx, scales, area, source.columns[xCol]!, source.columns[yCol]!);
    // Deliberately partial dependencies: area and props are covered by these
  }, [source, xCol, yCol, components, colors, width, height, scales]);

  const nearest = (event: React.PointerEvent<HTMLCanvasElement>): HoverPoint | undefined => {
    const scales = scalesRef.current;
    if (!scales) return undefined;
    const rect = event.currentTarget.getBoundingClientRect();
    const left = event.clientX - rect.left;
    const top = event.clientY - rect.top;
    const { data, rows, cols } = source;
    let best = -1;
    let bestDistance = HOVER_RADIUS * HOVER_RADIUS;
    for (let i = 0; i < rows; i++) {
      const dx = scales.x(data[i * cols + xCol]!) - left;
      const dy = scales.y(data[i * cols + yCol]!) - top;
      const distance = dx * dx + dy * dy;
      if (distance < bestDistance) {
        bestDistance = distance;
        best = i;
      }
    }
    return best < 0 ? undefined : { row: best, left, top };
  };

  /** The x value under the pointer, when it is inside the plotting area. */
  const pointerX = (event: React.PointerEvent<HTMLCanvasElement>): number | undefined => {
    const left = event.clientX - event.currentTarget.getBoundingClientRect().left;
    const [x0, x1] = scales.x.range() as [number, number];
    return left >= x0 && left <= x1 ? scales.x.invert(left) : undefined;
  };

  const spray = (event: React.PointerEvent<HTMLCanvasElement>) => {
    const scales = scalesRef.current;
    if (!scales) return;
    const rect = event.currentTarget.getBoundingClientRect();
    const x = scales.x.invert(event.clientX - rect.left);
    const y = scales.y.invert(event.clientY - rect.top);
    const [lo, hi] = DRAW_DOMAIN;
    // A few points scattered around the pointer, so a stroke becomes a cloud with some spread.
    const points = Array.from({ length: 3 }, (): [number, number] => [x + 0.25 * gaussian(), y + 0.25 * gaussian()]).filter(
      ([px, py]) => px >= lo && px <= hi && py >= lo && py <= hi,
    );
    if (points.length > 0) onDraw(withPoints(source, points));
  };

  const drawable = source.fixedDomain !== undefined;
  const label = components
    ? `Scatter plot of ${source.rows} points of ${source.columns[xCol]} against ${source.columns[yCol]}, with ${components.length} components drawn as their means and 1σ and 2σ ellipses.`
    : `Scatter plot of ${source.rows} points of ${source.columns[xCol]} against ${source.columns[yCol]}.`;

  return (
    <>
      <canvas
        ref={canvasRef}
        className={drawable ? 'plot drawable' : 'plot'}
        style={{ width, height }}
        role="img"
        aria-label={label}
        data-testid="plot"
        data-points={source.rows}
        data-ellipses={components ? components.length * 2 : 0}
        onPointerDown={(event) => {
          if (drawable) {
            drawingRef.current = true;
            event.currentTarget.setPointerCapture(event.pointerId);
            spray(event);
          } else {
            onHover(nearest(event));
            if (prediction) onPointerX(pointerX(event));
          }
        }}
        onPointerMove={(event) => {
          if (drawingRef.current) spray(event);
          else if (event.pointerType === 'mouse') onHover(nearest(event));
          if (prediction) onPointerX(pointerX(event));
        }}
        onPointerUp={() => {
          drawingRef.current = false;
        }}
        onPointerLeave={() => {
          if (!drawingRef.current) onHover(undefined);
          if (prediction) onPointerX(undefined);
        }}
      />
    {prediction && <PredictionLayer prediction={prediction} scales={scales} area={area} />}
    </>
  );
}

/** A standard normal draw (Box–Muller) for the spray; drawing by hand needs no reproducibility. */
function gaussian(): number {
  return Math.sqrt(-2 * Math.log(1 - Math.random())) * Math.cos(2 * Math.PI * Math.random());
}
