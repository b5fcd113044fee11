/**
 * Seeded Lloyd k-means (sklearn's KMeans with n_init = 1, k-means++ seeding, max_iter 300, tol 1e-4).
 * Written here rather than taken from ml-kmeans because that works on arrays of arrays: a fit may hold
 * millions of rows, and this works on the flat row-major Float64Array with an Int32Array of labels.
 */
import type { Matrix } from '../data.js';
import type { Random } from '../random.js';
import { kmeansPlusPlus, squaredDistance } from './kmeans-plus-plus.js';

const MAX_ITERATIONS = 300;
const RELATIVE_TOLERANCE = 1e-4;

/** sklearn's tolerance: 1e-4 × the mean over features of the (population) variance. Rows outer: one sweep of memory each pass. */
function shiftTolerance(X: Matrix): number {
  const { data, rows: n, cols: d } = X;
  const mean = new Float64Array(d);
  for (let i = 0; i < n; i++) for (let c = 0; c < d; c++) mean[c]! += data[i * d + c]!;
  for (let c = 0; c < d; c++) mean[c]! /= n;
  const variance = new Float64Array(d);
  for (let i = 0; i < n; i++) for (let c = 0; c < d; c++) variance[c]! += (data[i * d + c]! - mean[c]!) ** 2;
  let total = 0;
  for (let c = 0; c < d; c++) total += variance[c]! / n;
  return (RELATIVE_TOLERANCE * total) / d;
}

/** Labels each row with its nearest centre (lowest index on ties) and records the squared distance. */
function assign(X: Matrix, centres: Float64Array, k: number, labels: Int32Array, distances: Float64Array): void {
  const { data, rows: n, cols: d } = X;
  for (let i = 0; i < n; i++) {
    let bestDistance = Infinity;
    let bestLabel = 0;
    for (let j = 0; j < k; j++) {
      const distance = squaredDistance(data, i, centres, j * d, d);
      if (distance < bestDistance) {
        bestDistance = distance;
        bestLabel = j;
      }
    }
    labels[i] = bestLabel;
    distances[i] = bestDistance;
  }
}

/**
 * New centres as the (weighted) means of their rows. An empty cluster is re-seeded at the row farthest from
 * its own centre (the next farthest for the next empty cluster; rows of weight 0 never), that row's weight
 * moving out of its cluster, as sklearn. Without weights every row weighs exactly 1.
 */
function updateCentres(X: Matrix, k: number, labels: Int32Array, distances: Float64Array, weights?: Float64Array): Float64Array {
  const { data, rows: n, cols: d } = X;
  const weight = (i: number): number => (weights ? weights[i]! : 1);
  const sums = new Float64Array(k * d);
  const counts = new Float64Array(k);
  for (let i = 0; i < n; i++) {
    const j = labels[i]!;
    const w = weight(i);
    counts[j]! += w;
    for (let c = 0; c < d; c++) sums[j * d + c]! += w * data[i * d + c]!;
  }
  const used = new Set<number>();
  for (let empty = 0; empty < k; empty++) {
    if (counts[empty] !== 0) continue;
    let far = -1;
    for (let i = 0; i < n; i++) {
      if (weight(i) > 0 && !used.has(i) && (far < 0 || distances[i]! > distances[far]!)) far = i;
    }
    used.add(far);
    const from = labels[far]!;
    const w = weight(far);
    counts[from]! -= w;
    counts[empty] = w;
    for (let c = 0; c < d; c++) {
      sums[from * d + c]! -= w * data[far * d + c]!;
      sums[empty * d + c] = w * data[far * d + c]!;
    }
  }
  for (let j = 0; j < k; j++) {
    // A cluster that gave away its only row keeps a zero sum: sklearn leaves such a centre at the origin too.
    if (counts[j]! > 0) for (let c = 0; c < d; c++) sums[j * d + c]! /= counts[j]!;
  }
  return sums;
}

function squaredShift(a: Float64Array, b: Float64Array): number {
  let sum = 0;
  for (let i = 0; i < a.length; i++) sum += (a[i]! - b[i]!) ** 2;
  return sum;
}

function sameLabels(a: Int32Array, b: Int32Array): boolean {
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}

/**
 * k-means labels of every row, run until the labels stop changing or the centres stop moving; with sample
 * weights, weighted k-means++ seeding and weighted Lloyd means (the tolerance stays sklearn's unweighted one).
 */
export function kmeans(X: Matrix, k: number, rng: Random, weights?: Float64Array): Int32Array {
  const { data, rows: n, cols: d } = X;
  const seeds = kmeansPlusPlus(X, k, rng, weights);
  let centres: Float64Array = new Float64Array(k * d);
  seeds.forEach((row, j) => centres.set(data.subarray(row * d, row * d + d), j * d));
  const tolerance = shiftTolerance(X);
  const labels = new Int32Array(n);
  const previous = new Int32Array(n).fill(-1);
  const distances = new Float64Array(n);
  let strictlyConverged = false;
  for (let iteration = 0; iteration < MAX_ITERATIONS; iteration++) {
    assign(X, centres, k, labels, distances);
    const next = updateCentres(X, k, labels, distances, weights);
    const shift = squaredShift(next, centres);
    centres = next;
    if (sameLabels(labels, previous)) {
      strictlyConverged = true;
      break;
    }
    if (shift <= tolerance) break;
    previous.set(labels);
  }
  // Labels that match the final centres (when they moved after the last assignment).
  if (!strictlyConverged) assign(X, centres, k, labels, distances);
  return labels;
}
