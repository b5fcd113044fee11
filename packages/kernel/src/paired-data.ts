/**
 * The float64 data of a WebAssembly session with at most PAIRED_COLUMNS columns, in the pairs of rows the kernel
 * computes on (assembly/paired-data.ts): pair p holds rows 2p and 2p + 1 column by column, one row per lane, a lone
 * last row in both lanes.
 */
export const PAIRED_COLUMNS = 2;

/** The rows rounded up to a whole pair. */
export function pairedRows(rows: number): number {
  return 2 * Math.ceil(rows / 2);
}

/** Writes rows × cols row-major `data` into `target` (pairedRows(rows)·cols values) in pairs of rows. */
export function writePairs(target: Float64Array, data: Float64Array, rows: number, cols: number): void {
  for (let i = 0; i < rows; i += 2) {
    const b = i + 1 < rows ? i + 1 : i;
    const pair = i * cols;
    for (let c = 0; c < cols; c++) {
      target[pair + 2 * c] = data[i * cols + c]!;
      target[pair + 2 * c + 1] = data[b * cols + c]!;
    }
  }
}
