// The blocked E-step copies each block's rows from x just before it works on them, and at d = 32 those rows come
// from memory (x is 25 MB at n = 100,000): each copy waited on them. Pass 1 now reads the next block's rows a few
// cache lines at a time while it computes: the hardware prefetcher follows that slow stream ahead, so the copy finds
// the rows in cache. The loaded bytes are dropped; a load may trap, so the compilers keep it.

const LINE: usize = 64;

let aheadAt: usize = 0;
let aheadEnd: usize = 0;
/** Bytes each readAhead reads, whole lines. */
let aheadStep: usize = LINE;

/** Sets readAhead to read `bytes` in `calls` calls (once per E-step: it divides). */
export function setReadAheadPace(bytes: usize, calls: i32): void {
  aheadStep = ((bytes / <usize>calls + LINE - 1) / LINE) * LINE;
}

/** Starts the read-ahead of the bytes [from, to) (none when to ≤ from). */
@inline export function startReadAhead(from: usize, to: usize): void {
  aheadAt = from;
  aheadEnd = to;
}

/** Reads the next lines of the read-ahead, none past its end. */
@inline export function readAhead(): void {
  const stop = min(aheadEnd, aheadAt + aheadStep);
  for (let at = aheadAt; at < stop; at += LINE) load<u8>(at);
  aheadAt = stop;
}
