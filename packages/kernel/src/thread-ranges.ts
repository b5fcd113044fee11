/** Row ranges of a threaded E-step: contiguous, even-length except the last, in row order, none empty. */
export function threadRanges(rows: number, count: number): Array<readonly [start: number, end: number]> {
  const pairs = Math.ceil(rows / 2);
  const length = 2 * Math.ceil(pairs / count);
  const ranges: Array<readonly [number, number]> = [];
  for (let start = 0; start < rows; start += length) ranges.push([start, Math.min(rows, start + length)]);
  // No rows: one empty range, so range 0 (the calling thread's) always exists.
  return ranges.length > 0 ? ranges : [[0, 0]];
}
