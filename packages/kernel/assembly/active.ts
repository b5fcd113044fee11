// Well-separated clusters leave most responsibilities exactly 0 (flushed in the E-step's exp), and a row with
// r_j = 0 adds only zeros to S_j and Q_j: the statistics pass walks the listed vectors only, which changes no bit
// of the result.

/**
 * Writes to `active` (i32) the indices of the block's `count` vectors (row pairs or quads, k 16-byte slots apart
 * from r0 on) whose r_j is not zero in every lane, and returns how many there are.
 */
@inline export function listActive(k: i32, count: i32, r0: usize, active: usize): i32 {
  const stride = <usize>k << 4;
  let listed = 0;
  for (let b = 0; b < count; b++) {
    if (v128.any_true(v128.load(r0 + <usize>b * stride))) {
      store<i32>(active + (<usize>listed << 2), b);
      listed++;
    }
  }
  return listed;
}
