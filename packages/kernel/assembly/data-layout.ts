import { BLOCK_COLUMN_BYTES, BLOCK_PAIRS, paddedColumns } from './block-work';

// The float64 session's data x, stored the way the E-step computes on it, one row per f64x2 lane, a lone last row in
// both lanes of its pair (the session copies the rows in row by row, then layOutRows lays them out):
// - d ≤ PAIRED_COLUMNS: pairs of rows. Pair p, rows 2p and 2p + 1, holds column c at x + p·d·16 + c·16.
// - d > PAIRED_COLUMNS: blocks of BLOCK_ROWS rows laid out as the E-step's copy of a block (xb, block-work.ts).
//   Block q holds column c of its pair b at x + q·blockBytes + c·BLOCK_COLUMN_BYTES + b·16, with the columns padded to
//   even by a zero column.
// A range that starts on a pair (on a block) reads its blocks in place instead of copying them first (3–4% of the
// E-step at d = 2, 5% at d = 8 and for d = 32 diag); other ranges copy, reading x through rowAddress and columnStride.

const PAIRED_COLUMNS: i32 = 2;
const BLOCK_ROWS: i32 = 2 * BLOCK_PAIRS;

@inline export function pairedLayout(d: i32): bool {
  return d <= PAIRED_COLUMNS;
}

/** Bytes of the BLOCK_ROWS rows from a row where the E-step reads in place. */
@inline export function storedBlockBytes(d: i32): usize {
  return pairedLayout(d) ? <usize>(BLOCK_ROWS * d) << 3 : <usize>paddedColumns(d) * BLOCK_COLUMN_BYTES;
}

/** Address of row i's column 0 in x; its column c is c·columnStride(d) bytes further. */
@inline export function rowAddress(x: usize, d: i32, i: i32): usize {
  const lane = <usize>(i & 1) << 3;
  if (pairedLayout(d)) return x + <usize>(i >> 1) * (<usize>d << 4) + lane;
  return x + <usize>(i / BLOCK_ROWS) * storedBlockBytes(d) + (<usize>((i % BLOCK_ROWS) >> 1) << 4) + lane;
}

/** Address just past what x stores of the rows before `end`. */
@inline export function storedEnd(x: usize, d: i32, end: i32): usize {
  return x + <usize>storedBytes(<f64>end, d);
}

@inline export function columnStride(d: i32): usize {
  return pairedLayout(d) ? 16 : BLOCK_COLUMN_BYTES;
}

/** Whether the E-step reads the blocks of a range from `start` in place: it starts on a pair (on a block). */
@inline export function readsInPlace(d: i32, start: i32): bool {
  return pairedLayout(d) ? (start & 1) == 0 : start % BLOCK_ROWS == 0;
}

/** Rows a range must start on a multiple of to read x in place: a pair, or a block. */
@inline export function storedUnitRows(d: i32): i32 {
  return pairedLayout(d) ? 2 : BLOCK_ROWS;
}

/** Bytes x takes for `rows` rows (in f64, so that no size overflows). */
@inline export function storedBytes(rows: f64, d: i32): f64 {
  if (pairedLayout(d)) return Math.ceil(rows / 2) * <f64>(d << 4);
  return Math.ceil(rows / <f64>BLOCK_ROWS) * <f64>storedBlockBytes(d);
}

/**
 * Stores rows [first, first + count) of x, `rows` rows in all (first even), from `source`, the same rows row by row:
 * two rows and two columns at a time, a 2×2 transpose of two loads. For odd d > 2 the padding column is zero.
 */
@inline function storeRows(source: usize, count: i32, d: i32, x: usize, first: i32, rows: i32): void {
  const stride = columnStride(d);
  const rowBytes = <usize>d << 3;
  const evenBytes = <usize>(d & ~1) << 3;
  for (let t = 0; t < count; t += 2) {
    const i = first + t;
    const rowA = source + <usize>t * rowBytes;
    // A lone last row fills both lanes.
    const rowB = i + 1 < rows ? rowA + rowBytes : rowA;
    let to = rowAddress(x, d, i);
    for (let o: usize = 0; o < evenBytes; o += 16) {
      const a = v128.load(rowA + o);
      const b = v128.load(rowB + o);
      v128.store(to, v128.shuffle<f64>(a, b, 0, 2));
      v128.store(to + stride, v128.shuffle<f64>(a, b, 1, 3));
      to += 2 * stride;
    }
    if (d & 1) {
      v128.store(to, f64x2.replace_lane(v128.load64_splat(rowA + evenBytes), 1, load<f64>(rowB + evenBytes)));
      if (!pairedLayout(d)) v128.store(to + stride, f64x2.splat(0));
    }
  }
}

/**
 * Lays out x, which holds its `rows` rows of d columns row by row from its start, BLOCK_ROWS rows at a time from the
 * last, each copied to `scratch` (BLOCK_ROWS·d f64) first: a block is stored at or above where its rows were, so no
 * rows not yet moved are overwritten.
 */
@inline export function layOutRows(x: usize, rows: i32, d: i32, scratch: usize): void {
  const rowBytes = <usize>d << 3;
  for (let first = (rows - 1) / BLOCK_ROWS * BLOCK_ROWS; first >= 0; first -= BLOCK_ROWS) {
    const count = min(BLOCK_ROWS, rows - first);
    memory.copy(scratch, x + <usize>first * rowBytes, <usize>count * rowBytes);
    storeRows(scratch, count, d, x, first, rows);
  }
}
