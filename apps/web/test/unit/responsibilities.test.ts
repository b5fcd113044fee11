import { fit } from '@gmm/core';
import { describe, expect, it } from 'vitest';
import { rowResponsibilities } from '../../src/worker/responsibilities.js';

// Two well-separated clusters with a few gaps; the fit itself is core's, checked against core's own API below.
const rows = [
  [0.1, 0.3], [0.4, -0.2], [-0.3, 0.1], [0.2, 0.5], [-0.1, -0.4], [0.5, NaN],
  [5.2, 4.8], [4.7, 5.3], [5.1, 5.6], [4.6, 4.9], [5.4, 5.1], [NaN, 5.0], [2.6, NaN],
];
const data = Float64Array.from(rows.flat());
const dataset = { data, rows: rows.length, cols: 2, columns: ['x', 'y'], missing: 'em' as const };

const normal = (x: number, mean: number, variance: number) => Math.exp(-((x - mean) ** 2) / (2 * variance)) / Math.sqrt(2 * Math.PI * variance);

const model = await fit({ data, rows: rows.length, cols: 2 }, { nComponents: 2, missing: 'em', seed: 0 });
const proba = rowResponsibilities(model, dataset);
const k = model.nComponents;

describe('rowResponsibilities', () => {
  it('gives complete rows what predictProba gives them', () => {
    const complete = rows.flatMap((row, i) => (row.some(Number.isNaN) ? [] : [i]));
    const expected = model.predictProba(complete.map((i) => rows[i]!)).data;
    complete.forEach((i, r) => expect(Array.from(proba.subarray(i * k, (i + 1) * k))).toEqual(Array.from(expected.subarray(r * k, (r + 1) * k))));
  });

  it('gives a row with a gap the posterior of its observed coordinate: w_j N(x_o; μ_jo, Σ_joo), normalised', () => {
    for (const [i, observed] of [[5, 0], [11, 1], [12, 0]] as const) {
      const value = rows[i]![observed]!;
      const joint = model.weights.map((w, j) => w * normal(value, model.means[j]![observed]!, model.componentCovariance(j)[observed]![observed]!));
      const total = joint.reduce((a, b) => a + b, 0);
      joint.forEach((p, j) => expect(proba[i * k + j]).toBeCloseTo(p / total, 10));
    }
  });

  it('keeps predictProba for data fitted without missing values', () => {
    const complete = Float64Array.from(rows.slice(0, 5).flat());
    const plain = rowResponsibilities(model, { ...dataset, data: complete, rows: 5, missing: 'error' });
    expect(Array.from(plain)).toEqual(Array.from(model.predictProba({ data: complete, rows: 5, cols: 2 }).data));
  });
});
