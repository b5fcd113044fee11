/**
 * Row ranges of a threaded E-step: contiguous, in row order, none empty, each a multiple of `granule` rows except
 * the last. The float64 kernel needs whole row pairs (granule 2); the float32 kernel whole f32 runs, so that every
 * range sums the same runs as the whole does (see assembly/f32/ranges32.ts).
 */
export function threadRanges(rows: number, count: number, granule: number): Array<readonly [start: number, end: number]> {
  const length = granule * Math.ceil(Math.ceil(rows / granule) / count);
  const ranges: Array<readonly [number, number]> = [];
  for (let start = 0; start < rows; start += length) ranges.push([start, Math.min(rows, start + length)]);
  // No rows: one empty range, so range 0 (the calling thread's) always exists.
  return ranges.length > 0 ? ranges : [[0, 0]];
}
