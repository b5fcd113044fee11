import { listActive } from './active';
import { NEGLIGIBLE, expNonNegligible } from './vexp';
import { NEGLIGIBLE32, expNonNegligible32 } from './f32/vexp32';

// Pass 2's exps, shared by the float64 E-step (T = f64: a unit is a row pair in an f64x2) and the float32 one
// (T = f32: a row quad in an f32x4). A unit's resp row holds log ρ_j for j < k, one v128 each; every function turns
// them into e_j = exp(log ρ_j − max), flushed to 0 where negligible (vexp.ts, f32/vexp32.ts), and returns Σ_j e_j.
// With `lists` (active.ts; a constant 0 compiles the listing out) they also list the unit, its data at `data`, for
// every j whose e_j is not flushed in some lane.

/** Bytes of one entry of the terms list: log ρ_j − max (v128), then its u32 byte offset in the unit's resp row. */
const TERM_ENTRY: usize = 32;

/** Terms with a nonzero e_j in some lane since the block began: they choose how exponentiateRow goes. */
let nonzeroTerms = 0;

/** Starts the count of nonzero terms over a new block. */
@inline export function startTermCount(): void {
  nonzeroTerms = 0;
}

/** exp(x) flushed to 0 below the type's NEGLIGIBLE, lane by lane. */
@inline function expFlushed<T>(x: v128): v128 {
  return sizeof<T>() == 8 ? expNonNegligible(x) : expNonNegligible32(x);
}

/** 1 unless every lane of x = log ρ_j − max is below NEGLIGIBLE (so that exp flushes it to 0); NaN counts. */
@inline function nonzeroTerm<T>(x: v128): i32 {
  // One movmsk; the mask is the one expFlushed computes.
  if (sizeof<T>() == 8) return <i32>(i64x2.bitmask(f64x2.lt(x, NEGLIGIBLE)) != 3);
  return <i32>(i32x4.bitmask(f32x4.lt(x, NEGLIGIBLE32)) != 15);
}

/** Every term of the unit's resp row, in place. */
@inline function exponentiateAll<T>(k: i32, row: usize, max: v128, lists: usize, units: i32, data: usize): v128 {
  let sum = v128.splat<T>(0);
  let count = 0;
  for (let j = 0; j < k; j++) {
    const at = row + (<usize>j << 4);
    const x = v128.sub<T>(v128.load(at), max);
    // Well-separated clusters make most terms negligible at every row: flushed, they stay out of the statistics too.
    const e = expFlushed<T>(x);
    v128.store(at, e);
    sum = v128.add<T>(sum, e);
    const nonzero = nonzeroTerm<T>(x);
    if (lists) listActive(lists, units, j, data, at, <u32>nonzero);
    count += nonzero;
  }
  nonzeroTerms += count;
  return sum;
}

/**
 * exponentiateAll without the exp of the terms negligible in every lane: they are listed out without a branch and
 * stored as 0. Σ_j e_j adds the same nonzero terms in the same order, so every result is the same.
 */
@inline function exponentiateListed<T>(k: i32, row: usize, max: v128, terms: usize, lists: usize, units: i32, data: usize): v128 {
  let count: usize = 0;
  for (let j = 0; j < k; j++) {
    const offset = <usize>j << 4;
    const x = v128.sub<T>(v128.load(row + offset), max);
    const entry = terms + count * TERM_ENTRY;
    v128.store(entry, x);
    store<u32>(entry, <u32>offset, 16);
    v128.store(row + offset, v128.splat<T>(0));
    count += <usize>nonzeroTerm<T>(x);
  }
  nonzeroTerms += <i32>count;
  let sum = v128.splat<T>(0);
  for (let t: usize = 0; t < count; t++) {
    const entry = terms + t * TERM_ENTRY;
    const offset = load<u32>(entry, 16);
    const e = expFlushed<T>(v128.load(entry));
    v128.store(row + <usize>offset, e);
    sum = v128.add<T>(sum, e);
    if (lists) listActive(lists, units, <i32>(offset >> 4), data, row + <usize>offset, 1);
  }
  return sum;
}

/**
 * e_j of unit b of the block (`terms`: scratch for k entries). Once fewer than half the block's terms so far were
 * nonzero, the exps skip the negligible ones (exponentiateListed: listing costs about as much as the exp of half the
 * terms); both ways give the same numbers.
 */
@inline export function exponentiateRow<T>(b: i32, k: i32, row: usize, max: v128, terms: usize, lists: usize, units: i32, data: usize): v128 {
  return b > 0 && 2 * nonzeroTerms < b * k
    ? exponentiateListed<T>(k, row, max, terms, lists, units, data)
    : exponentiateAll<T>(k, row, max, lists, units, data);
}
