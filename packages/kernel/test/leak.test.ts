// Sessions free everything they allocate: repeated create/use/dispose cycles do not grow wasm memory.
import { describe, expect, it } from 'vitest';
import { createStats } from '../src/layout.js';
import { COVARIANCE_KINDS } from '../src/types.js';
import { getKernel, wasmMemoryBytes } from '../src/wasm.js';
import { mulberry32, randomData, randomParams } from './helpers/random.js';

const ROWS = 50;
const D = 3;
const K = 3;

describe('no leak', () => {
  it('10,000 createSession / eStep / scoreRows / dispose cycles leave the memory size unchanged', () => {
    const uniform = mulberry32(9);
    const inputs = COVARIANCE_KINDS.map((kind) => {
      const params = randomParams(kind, K, D, uniform);
      return { kind, params, data: randomData(ROWS, D, params, uniform) };
    });
    const kernel = getKernel();
    const cycle = (i: number): void => {
      const { kind, params, data } = inputs[i % inputs.length]!;
      const session = kernel.createSession(data, ROWS, D, { kind, k: K });
      session.eStep(params, 0, ROWS, createStats(kind, K, D));
      session.scoreRows(params, 1, ROWS, new Float64Array(ROWS - 1), new Float64Array((ROWS - 1) * K));
      session.dispose();
    };
    for (let i = 0; i < 100; i++) cycle(i);
    const warm = wasmMemoryBytes();
    for (let i = 0; i < 10_000; i++) cycle(i);
    expect(wasmMemoryBytes()).toBe(warm);
  }, 60_000);
});
