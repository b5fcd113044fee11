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

/**
 * Chunks per thread: threads claim the next chunk as they finish one, so a thread on a core that another tenant
 * slows takes fewer chunks instead of holding up the E-step by its whole share (a shared host does this often).
 */
const CHUNKS_PER_THREAD = 8;
/** Fewest rows worth a chunk of its own (a claim and a call cost microseconds; 256 rows cost tens of them). */
const MIN_CHUNK_ROWS = 256;

/** The chunks of a threaded E-step on `threads` threads: one range on one thread, else up to 8 per thread. */
export function eStepChunks(rows: number, threads: number, granule: number): Array<readonly [start: number, end: number]> {
  const count = threads === 1 ? 1 : Math.min(threads * CHUNKS_PER_THREAD, Math.ceil(rows / MIN_CHUNK_ROWS));
  return evenRanges(rows, Math.max(1, count), granule);
}
