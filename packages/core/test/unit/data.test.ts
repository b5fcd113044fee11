import { describe, expect, test } from 'vitest';
import { DataError, fit } from '../../src/index.js';
import { countingKernel, normalMatrix, toRows } from './helpers.js';

describe('DataInput', () => {
  test('number[][] and { data, rows, cols } give the same fit and the same predictions', async () => {
    const flat = normalMatrix(60, 3, 11);
    const rows = toRows(flat);
    const kernel = countingKernel();
    const options = { nComponents: 3, covarianceType: 'full' as const, nInit: 2, kernel };
    const fromRows = await fit(rows, options);
    const fromFlat = await fit(flat, options);
    expect(fromFlat.toJSON()).toEqual(fromRows.toJSON());
    expect(fromFlat.predictProba(rows)).toEqual(fromRows.predictProba(flat));
  });

  test('the flat form is not modified by a fit', async () => {
    const flat = normalMatrix(30, 2, 3);
    const copy = flat.data.slice();
    await fit(flat, { nComponents: 2, kernel: countingKernel() });
    expect(flat.data).toEqual(copy);
  });

  const invalid: { name: string; X: unknown; message: RegExp; row?: number; column?: number }[] = [
    { name: 'NaN', X: [[1, 2], [3, NaN]], message: /^X\[row 1, column 1\] is NaN$/, row: 1, column: 1 },
    { name: 'Infinity', X: [[1, Infinity], [3, 4]], message: /^X\[row 0, column 1\] is Infinity$/, row: 0, column: 1 },
    {
      name: '-Infinity in the flat form',
      X: { data: Float64Array.of(1, 2, 3, 4, -Infinity, 6), rows: 3, cols: 2 },
      message: /^X\[row 2, column 0\] is -Infinity$/,
      row: 2,
      column: 0,
    },
    { name: 'a string entry', X: [[1, 2], [3, '4']], message: /X\[row 1, column 1\] must be a number, received "4"/, row: 1, column: 1 },
    { name: 'ragged rows', X: [[1, 2], [3, 4], [5]], message: /ragged: row 2 has 1 columns, row 0 has 2/, row: 2 },
    { name: 'no rows', X: [], message: /X is empty/ },
    { name: 'rows without columns', X: [[]], message: /X is empty: row 0 has no columns/, row: 0 },
    { name: 'flat with zero rows', X: { data: new Float64Array(0), rows: 0, cols: 2 }, message: /X is empty/ },
    { name: 'flat with a length mismatch', X: { data: new Float64Array(5), rows: 3, cols: 2 }, message: /holds 5 values/ },
    { name: 'flat with a plain array', X: { data: [1, 2], rows: 1, cols: 2 }, message: /X.data must be a Float64Array/ },
    { name: 'a string', X: 'faithful.csv', message: /X must be a number\[\]\[\] or/ },
  ];

  test.each(invalid)('$name → DataError naming where', async ({ X, message, row, column }) => {
    const kernel = countingKernel();
    const error = await fit(X as never, { kernel }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(DataError);
    expect((error as Error).message).toMatch(message);
    expect((error as DataError).row).toBe(row);
    expect((error as DataError).column).toBe(column);
    expect(kernel.created).toBe(0);
  });

  test('predicting with the wrong number of features says both counts', async () => {
    const model = await fit(normalMatrix(20, 2, 1), { kernel: countingKernel() });
    for (const call of [
      () => model.predict([[1, 2, 3]]),
      () => model.predictProba([[1, 2, 3]]),
      () => model.scoreSamples([[1, 2, 3]]),
      () => model.score([[1, 2, 3]]),
      () => model.bic([[1, 2, 3]]),
    ]) {
      expect(call).toThrow(new DataError('X has 3 features, the model expects 2'));
    }
  });
});
