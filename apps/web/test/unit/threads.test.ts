import { describe, expect, it } from 'vitest';
import { describeThreads, fitThreads } from '../../src/worker/threads.js';

describe('fitThreads', () => {
  it("follows core's default where memory can be shared: one thread per 8192 rows, at most one per core", () => {
    expect(fitThreads(272, 8, true)).toEqual({ count: 1, isolated: true });
    expect(fitThreads(16_383, 8, true).count).toBe(1);
    expect(fitThreads(16_384, 8, true).count).toBe(2);
    expect(fitThreads(100_000, 2, true).count).toBe(2);
    expect(fitThreads(100_000, 16, true).count).toBe(12);
  });

  it('is one thread on a page that is not cross-origin isolated, whatever the data', () => {
    expect(fitThreads(1_000_000, 8, false)).toEqual({ count: 1, isolated: false });
  });
});

describe('describeThreads', () => {
  it('counts the threads, or says why there is only one', () => {
    expect(describeThreads({ count: 2, isolated: true })).toBe('2 E-step threads');
    expect(describeThreads({ count: 1, isolated: true })).toBe('1 E-step thread');
    expect(describeThreads({ count: 1, isolated: false })).toBe('1 thread: page not cross-origin isolated');
  });
});
