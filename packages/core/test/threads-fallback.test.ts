// A fit asking for threads where memory cannot be shared (a page that is not cross-origin isolated) runs on one
// thread and warns once, never throws. Ref for expectations: the threads = 1 fit of the same data.
import { afterEach, expect, it, vi } from 'vitest';
import { normalMatrix } from './unit/helpers.js';

afterEach(() => {
  vi.restoreAllMocks();
  vi.unstubAllGlobals();
});

it('a page that is not cross-origin isolated: threads 2 and the default give the 1-thread model, with one warning', async () => {
  vi.stubGlobal('crossOriginIsolated', false);
  const warn = vi.spyOn(console, 'warn').mockImplementation(() => undefined);
  // Fresh modules, so the kernel makes its shared-memory check under the stub.
  vi.resetModules();
  const { fit, fitChunked } = await import('../src/index.js');
  const { liveWorkerCount } = await import('@gmm/kernel');
  // 20,000 rows: by default two threads on two cores or more.
  const X = normalMatrix(20_000, 3, 4, [0, 1, 2]);
  const options = { nComponents: 2, maxIter: 5, tol: 0 };
  const one = await fit(X, { ...options, threads: 1 });
  expect(warn).not.toHaveBeenCalled();
  const two = await fit(X, { ...options, threads: 2 });
  const byDefault = await fit(X, options);
  const chunkedOne = await fitChunked(() => [X], { ...options, threads: 1 });
  const chunkedTwo = await fitChunked(() => [X], { ...options, threads: 2 });
  expect(two.toJSON()).toEqual(one.toJSON());
  expect(byDefault.toJSON()).toEqual(one.toJSON());
  expect(chunkedTwo.toJSON()).toEqual(chunkedOne.toJSON());
  expect(liveWorkerCount()).toBe(0);
  expect(warn).toHaveBeenCalledTimes(1);
  expect(String(warn.mock.calls[0]![0])).toMatch(/runs on 1 thread: the page is not cross-origin isolated.*Cross-Origin-Opener-Policy/);
});
