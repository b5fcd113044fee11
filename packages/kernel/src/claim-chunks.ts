/**
 * Dynamic scheduling of a threaded E-step: every thread, the calling one included, claims the next chunk from one
 * shared counter until none is left, and stores each chunk's result in the chunk's own slot. Which thread ran a
 * chunk depends on timing; what a chunk computes, and the order its results are added in afterwards, do not.
 */

/** What one thread runs: an export of the kernel and its arguments, chunk by chunk (each thread its own scratch). */
export interface ChunkCalls {
  readonly name: string;
  readonly chunks: ReadonlyArray<readonly number[]>;
}

/**
 * The control block the threads share, in i32 slots: the next chunk to claim, the workers that claim no more
 * (whether they ran every chunk they took or one threw), a flag set when one threw; from byte RESULTS on, one f64
 * per chunk, the export's result.
 */
export const NEXT = 0;
export const FINISHED = 1;
export const FAILED = 2;
export const RESULTS = 16;

/** A zeroed control block for `chunks` chunks, shared with workers where memory can be shared. */
export function createControl(chunks: number, shared: boolean): ArrayBufferLike {
  const bytes = RESULTS + 8 * chunks;
  return shared ? new SharedArrayBuffer(bytes) : new ArrayBuffer(bytes);
}

/** The calling thread's share: the loop each worker runs too (worker-source.ts). Returns how many chunks it ran. */
export function claimChunks(control: ArrayBufferLike, run: (...args: number[]) => number, calls: ChunkCalls): number {
  const { chunks } = calls;
  const slots = new Int32Array(control, 0, RESULTS / 4);
  const results = new Float64Array(control, RESULTS, chunks.length);
  let ran = 0;
  for (let c = Atomics.add(slots, NEXT, 1); c < chunks.length; c = Atomics.add(slots, NEXT, 1)) {
    results[c] = run(...chunks[c]!);
    ran++;
  }
  return ran;
}

/**
 * How long the calling thread, done with its chunks, watches the workers' counter before it waits for their replies
 * instead: a reply comes through the event loop, 0.1–0.3 ms after the worker is done (1–3% of an E-step on 100,000
 * rows), while the chunks at the end are short enough for the threads to finish within microseconds of each other.
 */
const WATCH_MS = 1;

/**
 * True once `workers` workers claim no more and none threw (their results and statistics are then visible to this
 * thread: the counter is atomic); false when one threw or when that takes longer than WATCH_MS.
 */
export function watchFinished(control: ArrayBufferLike, workers: number): boolean {
  const slots = new Int32Array(control, 0, RESULTS / 4);
  const deadline = performance.now() + WATCH_MS;
  while (Atomics.load(slots, FINISHED) < workers) {
    if (performance.now() > deadline) return false;
  }
  return Atomics.load(slots, FAILED) === 0;
}
