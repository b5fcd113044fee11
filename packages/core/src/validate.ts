/** Checks of single option values; each failure is a ValidationError naming parameter, expectation and value. */
import type { Kernel } from '@gmm/kernel';
import { describe, ValidationError } from './errors.js';

/** The largest seed: seeds are 32-bit unsigned integers, as numpy's. */
const MAX_SEED = 2 ** 32 - 1;

export function integerInRange(parameter: string, value: unknown, min: number, max = Infinity): number {
  if (typeof value !== 'number' || !Number.isInteger(value) || value < min || value > max) {
    const range = max === Infinity ? `>= ${min}` : `between ${min} and ${max}`;
    throw new ValidationError(parameter, `an integer ${range}`, describe(value));
  }
  return value;
}

export function nonNegativeNumber(parameter: string, value: unknown): number {
  if (typeof value !== 'number' || !Number.isFinite(value) || value < 0) {
    throw new ValidationError(parameter, 'a finite number >= 0', describe(value));
  }
  return value;
}

export function oneOf<T extends string>(parameter: string, value: unknown, allowed: readonly T[]): T {
  if (typeof value !== 'string' || !(allowed as readonly string[]).includes(value)) {
    throw new ValidationError(parameter, `one of ${allowed.map((a) => `'${a}'`).join(', ')}`, describe(value));
  }
  return value as T;
}

export function seedValue(parameter: string, value: unknown): number {
  return integerInRange(parameter, value, 0, MAX_SEED);
}

/** An options argument: undefined or a plain object whose keys are all known. */
export function optionsObject(parameter: string, value: unknown, allowed: readonly string[]): Record<string, unknown> {
  if (value === undefined) return {};
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    throw new ValidationError(parameter, 'an object', describe(value));
  }
  for (const key of Object.keys(value)) {
    if (!allowed.includes(key)) {
      const expected = `one of the options ${allowed.join(', ')}`;
      throw new ValidationError(parameter, expected, `'${key}'`, `Unknown option '${key}': expected ${expected}`);
    }
  }
  return value as Record<string, unknown>;
}

export function kernelValue(value: unknown): Kernel {
  if (typeof value !== 'object' || value === null || typeof (value as Kernel).createSession !== 'function') {
    throw new ValidationError('kernel', 'a Kernel (an object with createSession)', describe(value));
  }
  return value as Kernel;
}
