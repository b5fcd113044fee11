import { BLOCK_PAIRS } from './block-work';

// Well-separated clusters leave most responsibilities exactly 0 (flushed in the E-step's exp), and a lane with
// r_j = 0 adds only zeros to S_j and Q_j. The float64 statistics pass walks the lanes with a nonzero r_j only, two
// at a time as if they were the two rows of a pair: where the rows of a pair fall in different clusters, that is
// half as many vectors as walking the pairs with a nonzero lane.

/** Bytes of one lane pair: the data addresses of its two lanes (u32 each), 8 unused bytes, then their r_j (f64x2). */
export const LANE_PAIR_ENTRY: usize = 32;
/** Bytes of one listed lane: its data address, then its r_j address (u32 each). */
const LANE_ENTRY: usize = 8;
// block-work.ts sizes the `active` scratch for these: BLOCK_PAIRS lane pairs, 2·BLOCK_PAIRS lanes, then one 0.

/**
 * Pairs up at `active` the lanes of the block's `pairs` row pairs (pair b: data at x0 + b·16, r_j at r0 + b·k·16;
 * lane 1 eight bytes further) whose r_j is not zero, and returns how many lane pairs there are. An odd last lane
 * gets a partner with r_j = 0 (and its own data). The lanes are listed without a branch: which are nonzero follows
 * the data, and a mispredicted branch per lane costs more than the stores.
 */
@inline export function pairActiveLanes(k: i32, pairs: i32, r0: usize, x0: usize, active: usize): i32 {
  const lanes = active + <usize>BLOCK_PAIRS * LANE_PAIR_ENTRY;
  const zero = lanes + <usize>(2 * BLOCK_PAIRS) * LANE_ENTRY;
  const rStride = <usize>k << 4;
  let listed = 0;
  for (let b = 0; b < pairs; b++) {
    const r = r0 + <usize>b * rStride;
    const x = x0 + (<usize>b << 4);
    const nonzero = i64x2.bitmask(f64x2.ne(v128.load(r), f64x2.splat(0)));
    let entry = lanes + <usize>listed * LANE_ENTRY;
    store<u32>(entry, x);
    store<u32>(entry, r, 4);
    listed += nonzero & 1;
    entry = lanes + <usize>listed * LANE_ENTRY;
    store<u32>(entry, x + 8);
    store<u32>(entry, r + 8, 4);
    listed += nonzero >> 1;
  }
  if (listed & 1) {
    const entry = lanes + <usize>listed * LANE_ENTRY;
    store<f64>(zero, 0);
    store<u32>(entry, load<u32>(entry - LANE_ENTRY));
    store<u32>(entry, zero, 4);
    listed++;
  }
  const count = listed >> 1;
  for (let t = 0; t < count; t++) {
    const first = lanes + <usize>(2 * t) * LANE_ENTRY;
    const entry = active + <usize>t * LANE_PAIR_ENTRY;
    store<u32>(entry, load<u32>(first));
    store<u32>(entry, load<u32>(first, LANE_ENTRY), 4);
    const r = v128.load64_lane(<usize>load<u32>(first, LANE_ENTRY + 4), v128.load64_splat(<usize>load<u32>(first, 4)), 1);
    v128.store(entry, r, 16);
  }
  return count;
}

/** The values at `offset` from the data addresses of a lane pair: lane 0 from `first`, lane 1 from `second`. */
@inline export function lanePairValues(first: usize, second: usize, offset: usize): v128 {
  return v128.load64_lane(second + offset, v128.load64_splat(first + offset), 1);
}
