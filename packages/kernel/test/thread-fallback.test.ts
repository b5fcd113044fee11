// Where memory cannot be shared (a page that is not cross-origin isolated, or no SharedArrayBuffer), threads fall
// back to one: the kernel loads its non-shared build, a pool has no worker, and the first such pool warns once.
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { createStats } from '../src/layout.js';
import { mulberry32, randomData, randomParams } from './helpers/random.js';

/** The kernel modules loaded afresh, so the shared-memory check and the once-only warning start over. */
async function freshKernel() {
  vi.resetModules();
  const wasm = await import('../src/wasm.js');
  const threads = await import('../src/threads.js');
  return { ...wasm, ...threads };
}

let warn: ReturnType<typeof vi.spyOn>;
beforeEach(() => {
  warn = vi.spyOn(console, 'warn').mockImplementation(() => undefined);
});
afterEach(() => {
  warn.mockRestore();
  vi.unstubAllGlobals();
});

describe('one thread where memory cannot be shared', () => {
  it('a page that is not cross-origin isolated: the non-shared build, one thread, one warning naming the fix', async () => {
    vi.stubGlobal('crossOriginIsolated', false);
    const { getKernel, getSharedKernel, liveWorkerCount } = await freshKernel();
    const kernel = getKernel();
    expect(getSharedKernel()).toBeUndefined();
    const threads = await kernel.openThreads!(2);
    try {
      expect(threads.count).toBe(1);
      expect(liveWorkerCount()).toBe(0);
      expect(warn).toHaveBeenCalledTimes(1);
      const message = String(warn.mock.calls[0]![0]);
      expect(message).toContain('2 E-step threads were wanted but the fit runs on 1 thread');
      expect(message).toContain('not cross-origin isolated');
      expect(message).toContain('Cross-Origin-Opener-Policy: same-origin');
      expect(message).toContain('Cross-Origin-Embedder-Policy: require-corp');
      // The E-step still runs, on the calling thread: the same numbers as the plain E-step.
      const uniform = mulberry32(9);
      const params = randomParams('full', 3, 4, uniform);
      const data = randomData(50, 4, params, uniform);
      const session = kernel.createSession(data, 50, 4, { kind: 'full', k: 3 });
      try {
        const expected = createStats('full', 3, 4);
        const stats = createStats('full', 3, 4);
        const expectedLogLikelihood = session.eStep(params, 0, 50, expected);
        expect(await session.eStepThreaded!(params, threads, stats)).toBe(expectedLogLikelihood);
        expect(stats).toEqual(expected);
      } finally {
        session.dispose();
      }
    } finally {
      await threads.dispose();
    }
    // Once per page or process.
    await (await kernel.openThreads!(4)).dispose();
    expect(warn).toHaveBeenCalledTimes(1);
  });

  it('no SharedArrayBuffer: the warning names that cause', async () => {
    vi.stubGlobal('SharedArrayBuffer', undefined);
    const { getKernel, getSharedKernel } = await freshKernel();
    expect(getSharedKernel()).toBeUndefined();
    const threads = await getKernel().openThreads!(2);
    await threads.dispose();
    expect(threads.count).toBe(1);
    expect(warn).toHaveBeenCalledTimes(1);
    expect(String(warn.mock.calls[0]![0])).toContain('no SharedArrayBuffer');
  });

  it('one thread asked for: no warning', async () => {
    vi.stubGlobal('crossOriginIsolated', false);
    const { getKernel } = await freshKernel();
    await (await getKernel().openThreads!(1)).dispose();
    expect(warn).not.toHaveBeenCalled();
  });

  it('shared memory (Node, or a cross-origin isolated page): workers start and nothing is said', async () => {
    vi.stubGlobal('crossOriginIsolated', true);
    const { getKernel, liveWorkerCount } = await freshKernel();
    const threads = await getKernel().openThreads!(2);
    expect(threads.count).toBe(2);
    expect(liveWorkerCount()).toBe(1);
    await threads.dispose();
    expect(liveWorkerCount()).toBe(0);
    expect(warn).not.toHaveBeenCalled();
  });
});
