/** Component colours and the blending that makes an uncertain point look uncertain. */

export type Rgb = readonly [number, number, number];

/** Okabe–Ito-like palette: distinguishable with the common colour-vision deficiencies. */
export const PALETTE: readonly Rgb[] = [
  [0, 114, 178],
  [213, 94, 0],
  [0, 158, 115],
  [204, 121, 167],
  [230, 159, 0],
  [86, 180, 233],
  [120, 80, 40],
  [90, 90, 90],
  [170, 170, 0],
];

export function componentColor(j: number): Rgb {
  return PALETTE[j % PALETTE.length]!;
}

export function rgbCss([r, g, b]: Rgb, alpha = 1): string {
  return alpha === 1 ? `rgb(${r}, ${g}, ${b})` : `rgba(${r}, ${g}, ${b}, ${alpha})`;
}

/**
 * The colour of a point: its responsibilities (row `row` of the rows × k matrix) weighting the component
 * colours. A point shared 50/50 by two components gets the mix of both.
 */
export function blendColor(responsibilities: Float64Array, row: number, k: number): Rgb {
  let r = 0;
  let g = 0;
  let b = 0;
  let total = 0;
  for (let j = 0; j < k; j++) {
    const weight = responsibilities[row * k + j]!;
    const [cr, cg, cb] = componentColor(j);
    r += weight * cr;
    g += weight * cg;
    b += weight * cb;
    total += weight;
  }
  if (!(total > 0)) return [128, 128, 128];
  return [Math.round(r / total), Math.round(g / total), Math.round(b / total)];
}

/** Blended colours of every row packed as 0xRRGGBB, computed once per update and reused by each redraw. */
export function blendAll(responsibilities: Float64Array, rows: number, k: number): Uint32Array {
  const packed = new Uint32Array(rows);
  for (let i = 0; i < rows; i++) {
    const [r, g, b] = blendColor(responsibilities, i, k);
    packed[i] = (r << 16) | (g << 8) | b;
  }
  return packed;
}
