/** Fewest rows worth a chunk of its own (a claim and a call cost microseconds; 256 rows cost tens of them). */
const MIN_CHUNK_ROWS = 256;

/**
 * The row ranges (chunks) of a threaded E-step on `threads` threads, which claim them in order as they finish one:
 * contiguous, in row order, none empty (but the one range of no rows), each a multiple of `granule` rows except the
 * last. The float64 kernel needs whole row pairs (granule 2); the float32 kernel whole f32 runs, so that every chunk
 * sums the same runs as the whole does (see assembly/f32/ranges32.ts). One range on one thread; else guided sizes,
 * each a (2·threads)-th of the rows left (at least MIN_CHUNK_ROWS), so that the first chunks are long and the last
 * ones short: a thread on a core that another tenant slows takes fewer chunks, and the threads finish within a
 * short chunk of each other.
 */
export function eStepChunks(rows: number, threads: number, granule: number): Array<readonly [start: number, end: number]> {
  if (threads === 1 || rows === 0) return [[0, rows]];
  const minimum = granule * Math.ceil(MIN_CHUNK_ROWS / granule);
  const chunks: Array<readonly [number, number]> = [];
  for (let start = 0; start < rows; ) {
    const length = Math.max(minimum, granule * Math.ceil((rows - start) / (2 * threads * granule)));
    chunks.push([start, Math.min(rows, start + length)]);
    start += length;
  }
  return chunks;
}
