// The float64 session's data x is rows × d f64 row by row, except for d ≤ PAIRED_COLUMNS: there rows go in pairs the
// way the E-step computes on them (src/paired-data.ts writes them). Pair p, rows 2p and 2p + 1, holds column c at
// x + p·d·16 + c·16, one row per f64x2 lane (a lone last row in both), so the narrow passes read their blocks
// straight from x instead of copying them first (3–4% of the E-step at d = 2).

export const PAIRED_COLUMNS: i32 = 2;

@inline export function pairedLayout(d: i32): bool {
  return d <= PAIRED_COLUMNS;
}

/** Address of row i's column 0 in x; its column c is c·columnStride(d) bytes further. */
@inline export function rowAddress(x: usize, d: i32, i: i32): usize {
  return pairedLayout(d) ? x + <usize>(i >> 1) * (<usize>d << 4) + (<usize>(i & 1) << 3) : x + <usize>i * (<usize>d << 3);
}

@inline export function columnStride(d: i32): usize {
  return pairedLayout(d) ? 16 : 8;
}
