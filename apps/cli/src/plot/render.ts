/** Renders a Vega spec to an SVG string in Node (headless: no canvas, no DOM). */
import type { Spec } from 'vega';

export async function renderSvg(spec: Spec): Promise<string> {
  // Loaded on demand: vega is large, and only plot and select --plot need it.
  const vega = await import('vega');
  const view = new vega.View(vega.parse(spec), { renderer: 'none' });
  try {
    return await view.toSVG();
  } finally {
    view.finalize();
  }
}

export const PLOT_WIDTH = 560;
export const PLOT_HEIGHT = 420;
