// Well-separated clusters leave most responsibilities exactly 0 (flushed in the E-step's exp), and a unit (row pair
// or quad) whose r_j is 0 in every lane adds only zeros to N_j, S_j and Q_j: the statistics pass walks, per
// component, the units listed here. Pass 2 lists unit b for component j while it exponentiates (exponentiate.ts),
// where e_j is not flushed in some lane: r_j is then nonzero in that lane unless the lane weighs 0, and a listed
// lane with r_j = 0 adds +0 to every sum, which changes no bit.
//
// The lists of a block: per component one slot holding the count (u32), then room for `units` entries.

/** Bytes of one entry of a list: the unit's data address, then its r_j address (u32 each). */
export const ACTIVE_ENTRY: usize = 8;
const SLOT: usize = 16;

/** Slots of the lists of k components for blocks of `units` units (even). */
@inline export function activeListsSlots<T>(k: T, units: i32): T {
  return k * <T>(units / 2 + 1);
}

@inline function listOffset(lists: usize, units: i32, j: i32): usize {
  return lists + <usize>(j * (units / 2 + 1)) * SLOT;
}

/** Empties the k lists for a new block. */
@inline export function clearActive(lists: usize, units: i32, k: i32): void {
  for (let j = 0; j < k; j++) store<u32>(listOffset(lists, units, j), 0);
}

/** Appends unit (data, r) to component j's list when `listed` is 1 (0: the entry is written but not counted). */
@inline export function listActive(lists: usize, units: i32, j: i32, data: usize, r: usize, listed: u32): void {
  const list = listOffset(lists, units, j);
  const count = load<u32>(list);
  const entry = list + SLOT + <usize>count * ACTIVE_ENTRY;
  store<u32>(entry, data);
  store<u32>(entry, r, 4);
  store<u32>(list, count + listed);
}

/** Units in component j's list. */
@inline export function activeCount(lists: usize, units: i32, j: i32): i32 {
  return load<i32>(listOffset(lists, units, j));
}

/** The first entry of component j's list. */
@inline export function activeEntries(lists: usize, units: i32, j: i32): usize {
  return listOffset(lists, units, j) + SLOT;
}

/** Σ r_j over the `count` listed units from `entries` (T: the lanes' type): the unlisted units' r_j are +0. */
@inline export function sumListed<T>(entries: usize, count: i32): v128 {
  let sum = v128.splat<T>(0);
  for (let t = 0; t < count; t++) sum = v128.add<T>(sum, v128.load(load<u32>(entries + <usize>t * ACTIVE_ENTRY, 4)));
  return sum;
}
