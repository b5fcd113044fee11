/** Bad arguments of marginal, condition, impute and regress: errors that name the parameter. */
import { describe, expect, test } from 'vitest';
import { DataError, ValidationError, type GaussianMixture } from '../../src/index.js';
import { irisModel } from './conditional-helpers.js';

/** Runs `call` and returns the ValidationError it throws. */
function validationError(call: () => unknown): ValidationError {
  try {
    call();
  } catch (error) {
    expect(error).toBeInstanceOf(ValidationError);
    return error as ValidationError;
  }
  throw new Error('expected a ValidationError');
}

describe('bad arguments', async () => {
  const model: GaussianMixture = await irisModel('full', 2);

  test.each([
    ['no dimension', [], [], 'dims', /dims must be a non-empty array of distinct integers between 0 and 2, received an empty array/],
    ['every dimension', [0, 1, 2], [1, 2, 3], 'dims', /at most 2 of the 3 dimensions .*received all 3/],
    ['a duplicate', [1, 1], [3, 3], 'dims', /distinct dimensions, received dimension 1 twice/],
    ['out of range', [3], [1], 'dims[0]', /dims\[0\] must be an integer between 0 and 2 \(the model has 3 features\), received 3/],
    ['negative', [0, -1], [1, 2], 'dims[1]', /received -1/],
    ['not an integer', [0.5], [1], 'dims[0]', /received 0\.5/],
    ['not an array', 'petal', [1], 'dims', /received "petal"/],
    ['too few values', [0, 1], [5], 'values', /values must be an array of 2 finite numbers .*received 1 values/],
    ['a NaN value', [0], [NaN], 'values[0]', /values\[0\] must be a finite number, received NaN/],
    ['an infinite value', [0, 2], [1, Infinity], 'values[1]', /received Infinity/],
  ])('condition with %s', (_name, dims, values, parameter, message) => {
    const error = validationError(() => model.condition(dims as number[], values as number[]));
    expect(error.parameter).toBe(parameter);
    expect(error.message).toMatch(message);
  });

  test.each([
    ['no dimension', [], 'dims'],
    ['a duplicate', [2, 0, 2], 'dims'],
    ['out of range', [0, 7], 'dims[1]'],
  ])('marginal with %s', (_name, dims, parameter) => {
    expect(validationError(() => model.marginal(dims)).parameter).toBe(parameter);
  });

  test.each([
    ['an unknown option', { methd: 'mean' }, 'options', /Unknown option 'methd'/],
    ['an unknown method', { method: 'median' }, 'method', /method must be one of 'mean', 'sample', received "median"/],
    ['a negative seed', { method: 'sample', seed: -1 }, 'seed', /seed must be an integer between 0 and 4294967295, received -1/],
    ['options that are not an object', 'sample', 'options', /options must be an object/],
  ])('impute with %s', (_name, options, parameter, message) => {
    const error = validationError(() => model.impute([[1, NaN, 3]], options as never));
    expect(error.parameter).toBe(parameter);
    expect(error.message).toMatch(message);
  });

  test.each([
    ['no input', [], 'inputDims'],
    ['every dimension as input', [2, 1, 0], 'inputDims'],
    ['a duplicate input', [0, 0], 'inputDims'],
    ['an input out of range', [3], 'inputDims[0]'],
  ])('regress with %s', (_name, inputDims, parameter) => {
    expect(validationError(() => model.regress([[1]], inputDims)).parameter).toBe(parameter);
  });

  test('data errors name the row and column, or the expected width', () => {
    expect(() => model.impute([[1, 2]])).toThrow(new DataError('X has 2 features, the model expects 3'));
    expect(() => model.impute([[1, NaN, 3], [1, 2, Infinity]])).toThrow(/X\[row 1, column 2\] is Infinity/);
    expect(() => model.impute({ data: Float64Array.of(NaN, -Infinity, 1), rows: 1, cols: 3 })).toThrow(/X\[row 0, column 1\] is -Infinity/);
    expect(() => model.impute([[1, NaN, 3], [1, 2]])).toThrow(/X is ragged: row 1 has 2 columns, row 0 has 3/);
    expect(() => model.regress([[1, 2]], [0])).toThrow(/X has 2 columns, expected 1: one per input dimension \(inputDims\)/);
    expect(() => model.regress([[NaN]], [0])).toThrow(/X\[row 0, column 0\] is NaN/);
  });
});
