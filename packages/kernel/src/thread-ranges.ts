/**
 * Row ranges of a threaded E-step: contiguous, in row order, none empty, each a multiple of `granule` rows except
 * the last. The float64 kernel needs whole row pairs (granule 2); the float32 kernel whole f32 runs, so that every
 * range sums the same runs as the whole does (see assembly/f32/ranges32.ts).
 */
export function evenRanges(rows: number, count: number, granule: number): Array<readonly [start: number, end: number]> {
  const length = granule * Math.ceil(Math.ceil(rows / granule) / count);
  const ranges: Array<readonly [number, number]> = [];
  for (let start = 0; start < rows; start += length) ranges.push([start, Math.min(rows, start + length)]);
  // No rows: one empty range, so chunk 0 always exists.
  return ranges.length > 0 ? ranges : [[0, 0]];
}

/** Fewest rows worth a chunk of its own (a claim and a call cost microseconds; 256 rows cost tens of them). */
const MIN_CHUNK_ROWS = 256;

/**
 * The chunks of a threaded E-step on `threads` threads, which claim them in order as they finish one: one range on
 * one thread; else guided sizes, each a (2·threads)-th of the rows left (at least MIN_CHUNK_ROWS, whole granules),
 * so that the first chunks are long and the last ones short. A thread on a core that another tenant slows then
 * takes fewer chunks, and the threads finish within a short chunk of each other.
 */
export function eStepChunks(rows: number, threads: number, granule: number): Array<readonly [start: number, end: number]> {
  if (threads === 1 || rows === 0) return evenRanges(rows, 1, granule);
  const minimum = granule * Math.ceil(MIN_CHUNK_ROWS / granule);
  const chunks: Array<readonly [number, number]> = [];
  for (let start = 0; start < rows; ) {
    const length = Math.max(minimum, granule * Math.ceil((rows - start) / (2 * threads * granule)));
    chunks.push([start, Math.min(rows, start + length)]);
    start += length;
  }
  return chunks;
}
