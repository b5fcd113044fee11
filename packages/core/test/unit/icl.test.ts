/** ICL = BIC + 2·entropy of the responsibilities (lower is better), on the model and as a selection criterion. */
import { faithful, syntheticMixture } from '@gmm/datasets';
import { expect, test } from 'vitest';
import { fit, selectModel } from '../../src/index.js';
import { countingKernel } from './helpers.js';

const kernel = countingKernel();
const X = faithful();

test('icl >= bic, and icl = bic for one component (its responsibilities are all 1: entropy 0)', async () => {
  const one = await fit(X, { nComponents: 1, kernel });
  expect(one.icl(X)).toBe(one.bic(X));
  for (const nComponents of [2, 3]) {
    const model = await fit(X, { nComponents, covarianceType: 'tied', kernel });
    expect(model.icl(X)).toBeGreaterThan(model.bic(X));
  }
});

test('icl − bic is twice the entropy of predictProba', async () => {
  const model = await fit(X, { nComponents: 3, covarianceType: 'full', kernel });
  const { data } = model.predictProba(X);
  let entropy = 0;
  for (const r of data) if (r > 0) entropy -= r * Math.log(r);
  expect(model.icl(X) - model.bic(X)).toBeCloseTo(2 * entropy, 8);
});

test('well-separated blobs: icl ≈ bic (every row belongs to one component almost surely)', async () => {
  const blobs = syntheticMixture({ k: 3, d: 2, n: 600, separation: 30, seed: 4 });
  const data = { data: blobs.data, rows: blobs.rows, cols: blobs.cols };
  const model = await fit(data, { nComponents: 3, kernel });
  const bic = model.bic(data);
  expect(model.icl(data) - bic).toBeGreaterThanOrEqual(0);
  expect((model.icl(data) - bic) / Math.abs(bic)).toBeLessThan(1e-6);
});

test("selectModel criterion 'icl' ranks candidates by icl, and each candidate's icl is its model's", async () => {
  const selection = await selectModel(X, { nComponents: [1, 2, 3, 4], criterion: 'icl', kernel });
  expect(selection.criterion).toBe('icl');
  const icls = selection.candidates.map((candidate) => candidate.icl);
  expect(icls).toEqual([...icls].sort((a, b) => a - b));
  expect(selection.best.icl).toBeCloseTo(selection.best.model.icl(X), 8);
  expect(selection.best.icl).toBeGreaterThanOrEqual(selection.best.bic);
});
