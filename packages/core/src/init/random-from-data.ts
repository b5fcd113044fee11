import type { Random } from '../random.js';

/**
 * k distinct rows in random order (numpy's choice without replacement): a partial Fisher–Yates shuffle
 * of 0..n−1 that records only the swapped positions, so it costs O(k) rather than O(n).
 */
export function distinctRows(n: number, k: number, rng: Random, weights?: Float64Array): Int32Array {
  if (weights) {
    // Only rows of positive weight can seed a component: draw among them, then map back to row numbers.
    const eligible: number[] = [];
    weights.forEach((w, row) => w > 0 && eligible.push(row));
    return distinctRows(eligible.length, k, rng).map((t) => eligible[t]!);
  }
  const swapped = new Map<number, number>();
  const rows = new Int32Array(k);
  for (let i = 0; i < k; i++) {
    const j = rng.integer(i, n - 1);
    rows[i] = swapped.get(j) ?? j;
    swapped.set(j, swapped.get(i) ?? i);
  }
  return rows;
}
