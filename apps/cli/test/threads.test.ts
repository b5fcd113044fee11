// gmm fit / select --threads (issue 6, point 1): the E-step split over worker threads.
// Ref for expectations: the --threads 1 run of the same command (issue 6: 1e-10 across thread counts).
import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { mixtureCsv, tempDir, type TempDir } from './fixtures.js';
import { gmm } from './helpers.js';

/** The `threads` option each core entry point was called with, in call order (the real functions run). */
const threadsPassed = vi.hoisted(() => ({ fitSteps: [] as unknown[], fitChunked: [] as unknown[], selectModel: [] as unknown[] }));

vi.mock('@gmm/core', async (importOriginal) => {
  const core = await importOriginal<typeof import('@gmm/core')>();
  return {
    ...core,
    fitSteps: (X: unknown, options: { threads?: number }) => {
      threadsPassed.fitSteps.push(options.threads);
      return core.fitSteps(X as never, options as never);
    },
    fitChunked: (source: unknown, options: { threads?: number }) => {
      threadsPassed.fitChunked.push(options.threads);
      return core.fitChunked(source as never, options as never);
    },
    selectModel: (X: unknown, options: { threads?: number }) => {
      threadsPassed.selectModel.push(options.threads);
      return core.selectModel(X as never, options as never);
    },
  };
});

let tmp: TempDir;
let csv: string;

beforeAll(() => {
  tmp = tempDir();
  csv = mixtureCsv(tmp);
});

afterAll(() => tmp.remove());

beforeEach(() => {
  for (const calls of Object.values(threadsPassed)) calls.length = 0;
});

function expectSameTrajectory(actual: readonly number[], expected: readonly number[]): void {
  expect(actual).toHaveLength(expected.length);
  actual.forEach((value, t) => {
    expect(Math.abs(value - expected[t]!), `lowerBounds[${t}]`).toBeLessThanOrEqual(1e-10 * Math.abs(expected[t]!));
  });
}

async function fitJSON(args: string[]) {
  const result = await gmm(['fit', csv, '-k', '3', '--tol', '0', '--max-iter', '20', '--json', ...args]);
  expect(result.stderr).toBe('');
  expect(result.code).toBe(0);
  return JSON.parse(result.stdout);
}

describe('gmm fit --threads', () => {
  it('2 threads give the 1-thread model to 1e-10 and say so; the default leaves the count to core', async () => {
    const one = await fitJSON(['--threads', '1']);
    const two = await fitJSON(['--threads', '2']);
    const byDefault = await fitJSON([]);
    expect(threadsPassed.fitSteps).toEqual([1, 2, undefined]);
    // Without --threads the summary reports core's own count: 1 for 4,000 rows (one thread per 8,192 rows).
    expect([one.threads, two.threads, byDefault.threads]).toEqual([1, 2, 1]);
    expect(two.nIter).toBe(20);
    expectSameTrajectory(two.lowerBounds, one.lowerBounds);
    expect(Math.abs(two.logLikelihood - one.logLikelihood)).toBeLessThanOrEqual(1e-10 * Math.abs(one.logLikelihood));
    const text = await gmm(['fit', csv, '-k', '3', '--threads', '2']);
    expect(text.stdout).toMatch(/per iteration, E-step on 2 threads\)/);
  });

  it('with --chunk-rows: each block split over the threads, the same model as 1 thread to 1e-10', async () => {
    const one = await fitJSON(['--chunk-rows', '700', '--threads', '1']);
    const two = await fitJSON(['--chunk-rows', '700', '--threads', '2']);
    const byDefault = await fitJSON(['--chunk-rows', '700']);
    // Without --threads, core's default for 700-row blocks (one thread per 8,192 rows): 1, passed and reported.
    expect(threadsPassed.fitChunked).toEqual([1, 2, 1]);
    expect(two).toMatchObject({ chunkRows: 700, threads: 2 });
    expect(byDefault).toMatchObject({ chunkRows: 700, threads: 1 });
    expectSameTrajectory(two.lowerBounds, one.lowerBounds);
  });

  it('is refused with --online, saying why', async () => {
    const result = await gmm(['fit', csv, '--online', '--threads', '2']);
    expect(result.code).toBe(2);
    expect(result.stderr).toBe(
      'error: --threads cannot be combined with --online: online EM updates the model one small batch at a time, on one thread\n',
    );
  });
});

describe('gmm select --threads', () => {
  it('ranks the candidates of 2 threads as those of 1 thread, criteria to 1e-10', async () => {
    const args = ['select', csv, '--components', '1..3', '--covariance', 'full,diag', '--json'];
    const [one, two] = await Promise.all(['1', '2'].map(async (threads) => JSON.parse((await gmm([...args, '--threads', threads])).stdout)));
    expect(threadsPassed.selectModel.sort()).toEqual([1, 2]);
    expect(two.candidates.map((c: { covarianceType: string; nComponents: number }) => `${c.covarianceType}${c.nComponents}`)).toEqual(
      one.candidates.map((c: { covarianceType: string; nComponents: number }) => `${c.covarianceType}${c.nComponents}`),
    );
    two.candidates.forEach((candidate: { bic: number }, i: number) => {
      const reference = one.candidates[i].bic;
      expect(Math.abs(candidate.bic - reference)).toBeLessThanOrEqual(1e-10 * Math.abs(reference));
    });
  });
});

describe('bad --threads values', () => {
  for (const command of ['fit', 'select']) {
    for (const value of ['0', '-2', '1.5', 'two', '']) {
      it(`${command} --threads '${value}': usage error naming the flag, what it expects and the value`, async () => {
        const result = await gmm([command, csv, '--threads', value]);
        expect(result.code).toBe(2);
        expect(result.stdout).toBe('');
        expect(result.stderr).toBe(`error: option '--threads <n>' argument '${value}' is invalid. expected an integer >= 1\n`);
      });
    }
  }
});
