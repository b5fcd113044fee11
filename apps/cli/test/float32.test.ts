// gmm fit / select --float32 (issue 6, point 3): the data held as float32, the E-step on f32x4.
// Ref for expectations: the float64 run of the same command; issue 6 bounds their log-likelihoods at 1e-5 relative.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mixtureCsv, tempDir, type TempDir } from './fixtures.js';
import { gmm } from './helpers.js';

let tmp: TempDir;
let csv: string;

beforeAll(() => {
  tmp = tempDir();
  csv = mixtureCsv(tmp);
});

afterAll(() => tmp.remove());

async function succeeded(args: string[]) {
  const result = await gmm(args);
  expect(result.stderr).toBe('');
  expect(result.code).toBe(0);
  return result.stdout;
}

const relative = (a: number, b: number) => Math.abs(a - b) / Math.abs(b);

describe('gmm fit --float32', () => {
  it('reaches the float64 log-likelihood to 1e-5 and says float32 in the summary', async () => {
    const args = ['fit', csv, '-k', '3', '--tol', '0', '--max-iter', '30', '--json'];
    const f64 = JSON.parse(await succeeded(args));
    const f32 = JSON.parse(await succeeded([...args, '--float32']));
    expect([f64.dtype, f32.dtype]).toEqual(['float64', 'float32']);
    expect(relative(f32.logLikelihood, f64.logLikelihood)).toBeLessThanOrEqual(1e-5);
    const text = await succeeded(['fit', csv, '-k', '3', '--float32']);
    expect(text).toMatch(/per iteration, E-step on \d+ threads?, float32 data\)/);
  });

  it('gmm select --float32 picks the float64 choice with criteria within 1e-5', async () => {
    const args = ['select', csv, '--components', '2..4', '--covariance', 'full,diag', '--json', '--quiet'];
    const f64 = JSON.parse(await succeeded(args));
    const f32 = JSON.parse(await succeeded([...args, '--float32']));
    expect([f32.best.covarianceType, f32.best.nComponents]).toEqual([f64.best.covarianceType, f64.best.nComponents]);
    expect(relative(f32.best.bic, f64.best.bic)).toBeLessThanOrEqual(1e-5);
  });

  it('is refused with --online and --chunk-rows, naming the conflict', async () => {
    const online = await gmm(['fit', csv, '-k', '2', '--online', '--float32']);
    expect(online.code).not.toBe(0);
    expect(online.stderr).toMatch(/--float32 cannot be combined with --online/);
    const chunked = await gmm(['fit', csv, '-k', '2', '--chunk-rows', '1000', '--float32']);
    expect(chunked.code).not.toBe(0);
    expect(chunked.stderr).toMatch(/--float32 cannot be combined with --chunk-rows: a chunked fit streams float64 blocks/);
  });
});
