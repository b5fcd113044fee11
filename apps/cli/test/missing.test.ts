/** --missing em: fit and select read empty, NaN and NA cells as missing values and fit them by EM (core's missing: 'em'). */
import { fit, selectModel, type FitOptions } from '@gmm/core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { gmm } from './helpers.js';
import { tempDir, type TempDir } from './fixtures.js';

/** 60 rows of three columns around two centres (seeded LCG); every fifth row misses a cell, written three ways. */
function holedRows(): (number | null)[][] {
  let state = 2024;
  const uniform = (): number => (state = (state * 1103515245 + 12345) % 2147483648) / 2147483648;
  return Array.from({ length: 60 }, (_, i) => {
    const centre = i % 2 === 0 ? [0, 0, 0] : [4, 3, 5];
    const row: (number | null)[] = centre.map((c) => Number((c + 2 * uniform() - 1).toFixed(4)));
    if (i % 5 === 0) row[(i / 5) % 3] = null;
    return row;
  });
}

const ROWS = holedRows();
/** The missing cells as '', 'NA' and 'NaN' in turn. */
const CSV = ['a,b,c', ...ROWS.map((row, i) => row.map((v) => (v === null ? ['', 'NA', 'NaN'][i % 3]! : String(v))).join(','))].join('\n') + '\n';
const X = ROWS.map((row) => row.map((v) => v ?? NaN));
const EM = ['--missing', 'em', '--tol', '1e-6', '--json'];

let tmp: TempDir;
let file: string;

beforeAll(() => {
  tmp = tempDir();
  file = tmp.file('holed.csv', CSV);
});

afterAll(() => tmp.remove());

describe('gmm fit --missing em', () => {
  it('fits the model of core with missing em, and scores each row by its observed cells (as core selectModel does)', async () => {
    const result = await gmm(['fit', file, '-k', '2', ...EM]);
    expect(result.stderr).toBe('');
    expect(result.code).toBe(0);
    const summary = JSON.parse(result.stdout);
    const options = { nComponents: 2, covarianceType: 'full', tol: 1e-6, missing: 'em', featureNames: ['a', 'b', 'c'] } satisfies FitOptions;
    const model = await fit(X, options);
    expect(summary.means).toEqual(model.means);
    expect(summary.covariances).toEqual(model.covariances);
    // Ref: core's own scoring of the incomplete rows (selectModel's candidate), not the CLI's marginals.
    const { best } = await selectModel(X, { tol: 1e-6, missing: 'em', nComponents: [2], covarianceTypes: ['full'] });
    expect(summary.score).toBeCloseTo(best.score, 10);
    expect(summary.bic).toBeCloseTo(best.bic, 8);
    expect(summary.aic).toBeCloseTo(best.aic, 8);
  });

  it('without --missing em a missing cell is the usual one-line error', async () => {
    const result = await gmm(['fit', file, '-k', '2']);
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(/^error: .*holed\.csv: row 2, column "a": the cell is empty\n$/);
    expect(result.stderr.trim().split('\n')).toHaveLength(1);
  });
});

describe('gmm select --missing em', () => {
  it('ranks the candidates of core selectModel with missing em', async () => {
    const result = await gmm(['select', file, '--components', '1..3', '--covariance', 'full,diag', ...EM]);
    expect(result.stderr).toBe('');
    expect(result.code).toBe(0);
    const json = JSON.parse(result.stdout);
    const expected = await selectModel(X, { nComponents: [1, 2, 3], covarianceTypes: ['full', 'diag'], tol: 1e-6, maxIter: 1000, missing: 'em' });
    expect(json.candidates.map((c: { bic: number }) => c.bic)).toEqual(expected.candidates.map((c) => c.bic));
    expect([json.best.covarianceType, json.best.nComponents]).toEqual([expected.best.covarianceType, expected.best.nComponents]);
  });
});
