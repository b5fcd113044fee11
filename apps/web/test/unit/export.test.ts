import { describe, expect, it } from 'vitest';
import { labelsCsv, responsibilitiesCsv } from '../../src/view/export.js';

const r = Float64Array.of(0.9, 0.1, 0.2, 0.8, 0.5, 0.5);

describe('CSV exports', () => {
  it('labels each row with its most probable component (the first on a tie, as argmax)', () => {
    expect(labelsCsv(r, 3, 2)).toBe('label\n0\n1\n0\n');
  });

  it('writes the responsibility matrix with one column per component', () => {
    expect(responsibilitiesCsv(r, 3, 2)).toBe('component_0,component_1\n0.9,0.1\n0.2,0.8\n0.5,0.5\n');
  });
});
