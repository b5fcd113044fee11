/** Histogram bins for one-column data, scaled as a density so component curves share its axis. */

export interface Histogram {
  /** Bin edges, bins + 1 of them. */
  edges: number[];
  /** Count of each bin. */
  counts: number[];
  /** count / (n · width): integrates to 1 like the densities drawn over it. */
  densities: number[];
}

/** Number of bins by the Freedman–Diaconis rule, within [5, 80]; Sturges when the IQR is 0. */
export function binCount(values: ArrayLike<number>): number {
  const n = values.length;
  if (n < 2) return 1;
  const sorted = Float64Array.from(values).sort();
  const quantile = (q: number) => sorted[Math.min(n - 1, Math.floor(q * (n - 1)))]!;
  const range = sorted[n - 1]! - sorted[0]!;
  if (range === 0) return 1;
  const iqr = quantile(0.75) - quantile(0.25);
  const bins = iqr > 0 ? Math.ceil(range / (2 * iqr * Math.cbrt(1 / n))) : Math.ceil(Math.log2(n) + 1);
  return Math.min(80, Math.max(5, bins));
}

export function histogram(values: ArrayLike<number>, bins = binCount(values)): Histogram {
  const n = values.length;
  if (n === 0) throw new RangeError('histogram: no values');
  let min = Infinity;
  let max = -Infinity;
  for (let i = 0; i < n; i++) {
    min = Math.min(min, values[i]!);
    max = Math.max(max, values[i]!);
  }
  // One value repeated: a unit-wide bin around it rather than a zero-width one.
  if (min === max) {
    min -= 0.5;
    max += 0.5;
  }
  const width = (max - min) / bins;
  const edges = Array.from({ length: bins + 1 }, (_, b) => (b === bins ? max : min + b * width));
  const counts = new Array<number>(bins).fill(0);
  for (let i = 0; i < n; i++) {
    const b = Math.min(bins - 1, Math.floor((values[i]! - min) / width));
    counts[b]!++;
  }
  return { edges, counts, densities: counts.map((c) => c / (n * width)) };
}
