/** Fewest rows worth a chunk of its own (a claim and a call cost microseconds; 256 rows cost tens of them). */
const MIN_CHUNK_ROWS = 256;

/**
 * The row ranges (chunks) of a threaded E-step on `threads` threads, which claim them in order as they finish one:
 * contiguous, in row order, none empty (but the one range of no rows), each a multiple of `granule` rows except the
 * last. The float64 kernel's chunks start on whole pairs or blocks of rows (granule 2 or 64), where it reads its data
 * in place; the float32 kernel's on whole f32 runs, so that every chunk sums the same runs as the whole does (see
 * assembly/f32/ranges32.ts). One range on one thread. Else guided sizes, each a (2·threads)-th of the rows left (at
 * least MIN_CHUNK_ROWS), so that the last chunks are short: a thread on a core that another tenant slows takes fewer
 * chunks, and the threads finish within a short chunk of each other. The first chunks ramp up to those sizes from
 * MIN_CHUNK_ROWS, 4 times longer every `threads` chunks: a process's first E-step starts on V8's baseline code, 3–4
 * times slower, and each call picks up the optimised code once it is compiled (in the background, in ~15 ms), so
 * short first calls leave little of that E-step to the baseline code (d32 full, 2 threads: 377 → 100–170 ms).
 */
export function eStepChunks(rows: number, threads: number, granule: number): Array<readonly [start: number, end: number]> {
  if (threads === 1 || rows === 0) return [[0, rows]];
  const minimum = granule * Math.ceil(MIN_CHUNK_ROWS / granule);
  const chunks: Array<readonly [number, number]> = [];
  let ramp = minimum;
  for (let start = 0; start < rows; ) {
    const guided = Math.max(minimum, granule * Math.ceil((rows - start) / (2 * threads * granule)));
    const length = Math.min(ramp, guided);
    chunks.push([start, Math.min(rows, start + length)]);
    start += length;
    if (chunks.length % threads === 0) ramp *= 4;
  }
  return chunks;
}
