/** impute(): observed entries kept bit for bit, NaNs replaced by conditional means or conditional draws. */
import { describe, expect, test } from 'vitest';
import { iris3, irisModel, rowOf } from './conditional-helpers.js';
import { COVARIANCE_TYPES_UNDER_TEST } from './helpers.js';

const X = iris3();

/** iris3 with the entries (row, column) removed. */
function withHoles(holes: [number, number][]): Float64Array {
  const data = X.data.slice();
  for (const [row, column] of holes) data[row * 3 + column] = NaN;
  return data;
}

/** Every third row loses one or two entries, a few lose all three: several missingness patterns. */
const HOLES: [number, number][] = [];
for (let i = 0; i < X.rows; i += 3) {
  HOLES.push([i, i % 3]);
  if (i % 2 === 0) HOLES.push([i, (i + 1) % 3]);
}
HOLES.push([7, 0], [7, 1], [7, 2]);

describe.each(COVARIANCE_TYPES_UNDER_TEST)('impute() with a %s model', async (covarianceType) => {
  const model = await irisModel(covarianceType, 3);
  const holed = withHoles(HOLES);
  const input = { data: holed, rows: X.rows, cols: 3 };

  test('keeps observed entries bit for bit and fills every NaN with a finite value', () => {
    const imputed = model.impute(input);
    expect(imputed.rows).toBe(X.rows);
    expect(imputed.cols).toBe(3);
    holed.forEach((value, i) => {
      if (Number.isNaN(value)) expect(Number.isFinite(imputed.data[i]!)).toBe(true);
      else expect(Object.is(imputed.data[i], value)).toBe(true);
    });
    expect(input.data).toEqual(holed);
  });

  test('is the identity on complete rows', () => {
    expect(model.impute(X).data).toEqual(X.data);
    expect(model.impute([[5.1, 3.5, 1.4]]).data).toEqual(Float64Array.of(5.1, 3.5, 1.4));
  });

  test('fills a row with conditional means: Σ_j w′_j μ′_j of condition()', () => {
    const row = rowOf(X.data, 3, 60);
    const imputed = model.impute([[row[0]!, NaN, row[2]!]]).data;
    const conditional = model.condition([0, 2], [row[0]!, row[2]!]);
    const expected = conditional.weights.reduce((sum, w, j) => sum + w * conditional.means[j]![0]!, 0);
    expect(imputed[1]).toBeCloseTo(expected, 13);
  });

  test('fills a row with nothing observed with the mixture mean Σ_j w_j μ_j', () => {
    const imputed = model.impute([[NaN, NaN, NaN]]).data;
    [0, 1, 2].forEach((c) => expect(imputed[c]).toBeCloseTo(model.weights.reduce((s, w, j) => s + w * model.means[j]![c]!, 0), 13));
  });

  test('gives each row the same values alone as in a batch with other missingness patterns', () => {
    const batch = model.impute(input).data;
    for (const row of [0, 3, 6, 7, 9]) {
      const alone = model.impute({ data: holed.slice(row * 3, row * 3 + 3), rows: 1, cols: 3 }).data;
      expect(Array.from(alone)).toEqual(rowOf(batch, 3, row));
    }
  });

  test("method 'sample': seeded draws, observed entries kept, with the conditional moments", () => {
    const sampled = model.impute(input, { method: 'sample', seed: 5 });
    expect(sampled.data).toEqual(model.impute(input, { method: 'sample', seed: 5 }).data);
    expect(sampled.data).not.toEqual(model.impute(input, { method: 'sample', seed: 6 }).data);
    holed.forEach((value, i) => {
      if (!Number.isNaN(value)) expect(Object.is(sampled.data[i], value)).toBe(true);
    });

    // 20,000 copies of one row missing its sepal width: the draws follow p(x_1 | x_0, x_2).
    const n = 20_000;
    const row = rowOf(X.data, 3, 100);
    const copies = new Float64Array(n * 3);
    for (let i = 0; i < n; i++) copies.set([row[0]!, NaN, row[2]!], i * 3);
    const imputed = model.impute({ data: copies, rows: n, cols: 3 }, { method: 'sample', seed: 1 }).data;
    const draws = Array.from({ length: n }, (_, i) => imputed[i * 3 + 1]!);
    const { mean, covariance } = model.regress([[row[0]!, row[2]!]], [0, 2]);
    const sampleMean = draws.reduce((a, b) => a + b, 0) / n;
    const squares = draws.map((v) => (v - sampleMean) ** 2);
    const sampleVariance = squares.reduce((a, b) => a + b, 0) / n;
    expect(Math.abs(sampleMean - mean.data[0]!)).toBeLessThan(5 * Math.sqrt(covariance[0]! / n));
    // Standard error of a variance: the standard deviation of the squared deviations / √n.
    const varianceError = Math.sqrt(squares.reduce((s, q) => s + (q - sampleVariance) ** 2, 0) / (n - 1) / n);
    expect(Math.abs(sampleVariance - covariance[0]!)).toBeLessThan(5 * varianceError);
  });
});
