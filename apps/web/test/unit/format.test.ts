import { describe, expect, it } from 'vitest';
import { formatNumber } from '../../src/view/format.js';

describe('formatNumber', () => {
  it('keeps 4 significant digits, switching to exponents at the extremes', () => {
    expect(formatNumber(3.14159)).toBe('3.142');
    expect(formatNumber(-1234.5)).toBe('-1235');
    expect(formatNumber(0.00001234)).toBe('1.234e-5');
    expect(formatNumber(0)).toBe('0');
    expect(formatNumber(Number.NaN)).toBe('NaN');
  });
});
