/**
 * Dynamic scheduling of a threaded E-step: every thread, the calling one included, claims the next chunk from one
 * shared counter until none is left, and stores each chunk's result in the chunk's own slot. Which thread ran a
 * chunk depends on timing; what a chunk computes, and the order its results are added in afterwards, do not.
 */

/** What one thread is asked to run (posted as is to a worker: see worker-source.ts). */
export interface ClaimRequest {
  /** The export to call. */
  readonly name: string;
  /** The export's arguments, chunk by chunk (each thread passes its own scratch). */
  readonly chunks: ReadonlyArray<readonly number[]>;
  /** Byte offset in the shared memory of the i32 that hands out chunks (0 when the first thread starts). */
  readonly next: number;
  /** Byte offset of one f64 per chunk, the export's result. */
  readonly results: number;
}

/** The calling thread's share: the loop each worker runs too. Returns how many chunks this thread ran. */
export function claimChunks(buffer: ArrayBufferLike, run: (...args: number[]) => number, request: ClaimRequest): number {
  const { chunks } = request;
  const next = new Int32Array(buffer, request.next, 1);
  const results = new Float64Array(buffer, request.results, chunks.length);
  let ran = 0;
  for (let c = Atomics.add(next, 0, 1); c < chunks.length; c = Atomics.add(next, 0, 1)) {
    results[c] = run(...chunks[c]!);
    ran++;
  }
  return ran;
}
