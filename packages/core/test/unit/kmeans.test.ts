import { syntheticMixture } from '@gmm/datasets';
import { describe, expect, test } from 'vitest';
import { kmeans } from '../../src/init/kmeans.js';
import { kmeansPlusPlus } from '../../src/init/kmeans-plus-plus.js';
import { distinctRows } from '../../src/init/random-from-data.js';
import { Random } from '../../src/random.js';

// Well separated: means drawn with spread 30, unit-scale components.
const blobs = syntheticMixture({ k: 4, d: 2, n: 2000, separation: 30, shape: 'full', seed: 4 });
const X = { data: blobs.data, rows: blobs.rows, cols: blobs.cols };

function centresOf(labels: Int32Array, k: number): number[][] {
  const sums = Array.from({ length: k }, () => [0, 0, 0]);
  labels.forEach((j, i) => {
    sums[j]![0]! += X.data[i * 2]!;
    sums[j]![1]! += X.data[i * 2 + 1]!;
    sums[j]![2]! += 1;
  });
  return sums.map(([x, y, count]) => [x! / count!, y! / count!]);
}

describe('k-means', () => {
  test('recovers the centres and the grouping of well-separated blobs', () => {
    const labels = kmeans(X, 4, Random.fromSeed(0));
    const centres = centresOf(labels, 4);
    // Ref: the generator's true means (blobs.truth). Each is matched by exactly one centre.
    const matched = blobs.truth.means.map((mean) => {
      const distances = centres.map((c) => Math.hypot(c[0]! - mean[0]!, c[1]! - mean[1]!));
      const nearest = distances.indexOf(Math.min(...distances));
      expect(distances[nearest]).toBeLessThan(0.2);
      return nearest;
    });
    expect(new Set(matched).size).toBe(4);
    let agree = 0;
    labels.forEach((j, i) => (agree += Number(j === matched[blobs.labels[i]!])));
    expect(agree / X.rows).toBeGreaterThan(0.99);
  });

  test('is deterministic for a seed', () => {
    expect(kmeans(X, 4, Random.fromSeed(7))).toEqual(kmeans(X, 4, Random.fromSeed(7)));
  });

  test('terminates with valid labels on degenerate data (duplicates, k above the distinct count)', () => {
    const duplicates = { data: Float64Array.from({ length: 40 }, (_, i) => (i < 20 ? 0 : 1)), rows: 20, cols: 2 };
    const labels = kmeans(duplicates, 3, Random.fromSeed(1));
    expect(labels.every((j) => j >= 0 && j < 3)).toBe(true);
    // Rows with the same values get the same label.
    expect(new Set(labels.subarray(0, 10)).size).toBe(1);
    expect(new Set(labels.subarray(10)).size).toBe(1);
  });
});

describe('k-means++ seeding', () => {
  test('chooses k distinct rows, one per blob, on well-separated data', () => {
    const seeds = kmeansPlusPlus(X, 4, Random.fromSeed(3));
    expect(new Set(seeds).size).toBe(4);
    expect(new Set(Array.from(seeds, (row) => blobs.labels[row])).size).toBe(4);
  });
});

describe('random_from_data rows', () => {
  test('are k distinct rows in range, deterministic by seed', () => {
    const rows = distinctRows(10, 10, Random.fromSeed(5));
    expect([...rows].sort((a, b) => a - b)).toEqual([0, 1, 2, 3, 4, 5, 6, 7, 8, 9]);
    expect(distinctRows(1000, 6, Random.fromSeed(5))).toEqual(distinctRows(1000, 6, Random.fromSeed(5)));
  });
});
