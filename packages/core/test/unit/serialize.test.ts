import { beforeAll, describe, expect, test } from 'vitest';
import { fit, GaussianMixture, ModelFormatError, ValidationError, type GaussianMixtureJSON } from '../../src/index.js';
import { COVARIANCE_TYPES_UNDER_TEST, countingKernel, normalMatrix } from './helpers.js';

const X = normalMatrix(120, 3, 8, [0, 4, -2]);
const kernel = countingKernel();

describe.each(COVARIANCE_TYPES_UNDER_TEST)('%s model', (covarianceType) => {
  test('save → JSON text → load predicts bit-identically', async () => {
    const model = await fit(X, { nComponents: 3, covarianceType, featureNames: ['a', 'b', 'c'], kernel });
    const loaded = GaussianMixture.fromJSON(JSON.parse(JSON.stringify(model)), { kernel });
    expect(loaded.predict(X)).toEqual(model.predict(X));
    expect(loaded.predictProba(X)).toEqual(model.predictProba(X));
    expect(loaded.scoreSamples(X)).toEqual(model.scoreSamples(X));
    expect(loaded.toJSON()).toEqual(model.toJSON());
    expect(loaded.featureNames).toEqual(['a', 'b', 'c']);
    expect(loaded.nParameters).toBe(model.nParameters);
  });
});

describe('fromJSON', () => {
  let model: GaussianMixture;
  let json: GaussianMixtureJSON;
  beforeAll(async () => {
    model = await fit(X, { nComponents: 2, kernel });
    json = model.toJSON();
  });

  test('reads the JSON text too', () => {
    expect(GaussianMixture.fromJSON(JSON.stringify(json), { kernel }).scoreSamples(X)).toEqual(model.scoreSamples(X));
  });

  const corruptions: { name: string; change: (j: Record<string, unknown>) => unknown; says: RegExp }[] = [
    { name: 'not an object', change: () => 42, says: /the model must be an object/ },
    { name: 'not JSON text', change: () => '{"format":', says: /not JSON/ },
    { name: 'a wrong format name', change: (j) => ({ ...j, format: 'sklearn' }), says: /format must be 'gmm-model', received "sklearn"/ },
    { name: 'a newer version', change: (j) => ({ ...j, version: 2 }), says: /version must be 1 \(the only version .*\), received 2/ },
    { name: 'an unknown covariance type', change: (j) => ({ ...j, covarianceType: 'banana' }), says: /covarianceType must be one of/ },
    { name: 'means of the wrong shape', change: (j) => ({ ...j, means: [[0, 0, 0]] }), says: /means must be an array of shape 2 × 3/ },
    { name: 'a weight lost to null (NaN in JSON)', change: (j) => ({ ...j, weights: [null, 0.5] }), says: /weights\[0\] = null/ },
    { name: 'weights not summing to 1', change: (j) => ({ ...j, weights: [0.5, 0.2] }), says: /weights summing to 1/ },
    { name: 'covariances of another type', change: (j) => ({ ...j, covariances: [1, 1] }), says: /covariances must be an array of shape 2 × 3 × 3/ },
    {
      name: 'a factor with an entry below the diagonal',
      change: (j) => {
        const factors = structuredClone(j.precisionsCholesky) as number[][][];
        factors[1]![2]![0] = 0.5;
        return { ...j, precisionsCholesky: factors };
      },
      says: /component 1 with a non-zero entry \[2\]\[0\] below the diagonal/,
    },
    { name: 'a non-integer nIter', change: (j) => ({ ...j, nIter: 'many' }), says: /nIter must be an integer >= 0/ },
    { name: 'a missing lowerBounds', change: ({ lowerBounds: _, ...rest }) => rest, says: /lowerBounds must be an array/ },
    { name: 'featureNames of the wrong length', change: (j) => ({ ...j, featureNames: ['x'] }), says: /featureNames must be an array of 3 strings/ },
  ];

  test.each(corruptions)('rejects $name with a ModelFormatError', ({ change, says }) => {
    const corrupted = change(structuredClone(json) as unknown as Record<string, unknown>);
    expect(() => GaussianMixture.fromJSON(corrupted)).toThrow(ModelFormatError);
    expect(() => GaussianMixture.fromJSON(corrupted)).toThrow(says);
  });

  test('without a kernel option, a loaded model runs on the default (WebAssembly) kernel, as a default fit does', async () => {
    const wasmModel = await fit(X, { nComponents: 2, covarianceType: 'tied' });
    const loaded = GaussianMixture.fromJSON(wasmModel.toJSON());
    expect(loaded.predictProba(X)).toEqual(wasmModel.predictProba(X));
    expect(loaded.scoreSamples(X)).toEqual(wasmModel.scoreSamples(X));
  });

  test('rejects unknown options', () => {
    expect(() => GaussianMixture.fromJSON(json, { kernal: kernel } as never)).toThrow(ValidationError);
  });
});
