/**
 * The data of a float32 session, shared by both kernels so that they hold the same f32 values: a per-column centre
 * (f64) is subtracted before rounding, so a large common offset does not cost the data its precision.
 */

/** Rows of one quad of the WebAssembly float32 kernel (one row per f32x4 lane). */
export const QUAD_ROWS = 4;

/** Rows of the strided sample whose column medians are the centre. */
const CENTRE_SAMPLE_ROWS = 1024;

/**
 * The centre of every column: the median (the lower middle of an even count) of rows 0, s, 2s, … with
 * s = ⌈rows / CENTRE_SAMPLE_ROWS⌉; zeros without rows. Unlike the mean, a few far outliers (even of weight 0) do not
 * move it away from the bulk of the data, whose f32 precision it protects.
 */
export function columnCentres(data: Float64Array, rows: number, cols: number): Float64Array {
  const step = Math.max(1, Math.ceil(rows / CENTRE_SAMPLE_ROWS));
  const sampled = Math.ceil(rows / step);
  const column = new Float64Array(sampled);
  const centres = new Float64Array(cols);
  for (let c = 0; c < cols && sampled > 0; c++) {
    for (let t = 0; t < sampled; t++) column[t] = data[t * step * cols + c]!;
    column.sort();
    centres[c] = column[(sampled - 1) >> 1]!;
  }
  return centres;
}

/** f32(value − centre) of row `row`, column `col`; a RangeError when a finite difference does not fit in f32. */
export function centredFloat32(value: number, centre: number, row: number, col: number): number {
  const difference = value - centre;
  const rounded = Math.fround(difference);
  if (Number.isFinite(difference) && !Number.isFinite(rounded)) {
    throw new RangeError(
      `data row ${row}, column ${col}: ${value} lies ${difference} from its column's centre, beyond the float32 range (±3.4e38); use dtype 'float64'`,
    );
  }
  return rounded;
}

/** f32(x − centre) of every value, row-major, as f64 values (the reference kernel's copy). */
export function centredRows(data: Float64Array, rows: number, cols: number, centre: Float64Array): Float64Array {
  const out = new Float64Array(rows * cols);
  for (let i = 0; i < rows; i++) {
    for (let c = 0; c < cols; c++) out[i * cols + c] = centredFloat32(data[i * cols + c]!, centre[c]!, i, c);
  }
  return out;
}

/**
 * f32(x − centre) in the WebAssembly float32 kernel's layout: quad q holds `cols` groups of four, group c = column c
 * of rows 4q … 4q + 3. `target` holds whole quads; the lanes past the last row are zero.
 */
export function writeQuads(target: Float32Array, data: Float64Array, rows: number, cols: number, centre: Float64Array): void {
  target.fill(0, Math.floor(rows / QUAD_ROWS) * QUAD_ROWS * cols);
  for (let i = 0; i < rows; i++) {
    const base = (i - (i % QUAD_ROWS)) * cols + (i % QUAD_ROWS);
    for (let c = 0; c < cols; c++) target[base + c * QUAD_ROWS] = centredFloat32(data[i * cols + c]!, centre[c]!, i, c);
  }
}

/** means − centre for every component (k·d, row-major). */
export function centredMeans(means: Float64Array, centre: Float64Array): Float64Array {
  const d = centre.length;
  return means.map((mean, i) => mean - centre[i % d]!);
}
