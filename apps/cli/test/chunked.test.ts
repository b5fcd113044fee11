// gmm fit --chunk-rows N (issue 6, point 2): EM streamed from a temporary binary copy of the data, one pass per iteration.
import { spawn } from 'node:child_process';
import { createWriteStream, existsSync, readdirSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { fileURLToPath } from 'node:url';
import { fit, GaussianMixture } from '@gmm/core';
import { blobs2d } from '@gmm/datasets';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { tempDir, type TempDir } from './fixtures.js';
import { gmm } from './helpers.js';
import { watchPeakRss } from './peak-rss.js';

const BIN = fileURLToPath(new URL('../bin/gmm.js', import.meta.url));

let tmp: TempDir;
let csvPath: string;
let meansPath: string;
let weightsPath: string;

/** Temporary chunk files of this process (in-process runs) in `dir`. */
function chunkFiles(dir: string, pid = process.pid): string[] {
  return readdirSync(dir).filter((name) => name.startsWith(`.gmm-chunks-${pid}-`));
}

function relative(a: number, b: number): number {
  return Math.abs(a - b) / Math.max(Math.abs(b), 1e-300);
}

function parametersOf(model: GaussianMixture): number[] {
  return [...model.weights, ...model.means.flat(), ...model.covariances.flat(2)];
}

beforeAll(() => {
  tmp = tempDir();
  const set = blobs2d();
  const lines = ['x1,x2'];
  for (let i = 0; i < set.rows; i++) lines.push(`${set.data[2 * i]},${set.data[2 * i + 1]}`);
  csvPath = tmp.file('blobs.csv', `${lines.join('\n')}\n`);
  // A fixed start: three rows of the data as means (blobs-2d has 10,000 rows, the whole of fitChunked's default
  // initialisation sample, so both fits estimate the starting covariances from the same rows).
  meansPath = tmp.file('means.csv', [0, 3333, 6666].map((i) => `${set.data[2 * i]},${set.data[2 * i + 1]}`).join('\n'));
  weightsPath = tmp.file('weights.csv', '0.3,0.3,0.4\n');
});

afterAll(() => tmp.remove());

describe('gmm fit --chunk-rows', () => {
  const fixedStart = () => ['--means-init', meansPath, '--weights-init', weightsPath, '--tol', '0', '--max-iter', '20'];

  it('reaches the in-memory model from the same start and leaves no temporary file', async () => {
    const inMemory = await gmm(['fit', csvPath, ...fixedStart(), '--json', '-o', tmp.path('memory.json')]);
    const chunked = await gmm(['fit', csvPath, ...fixedStart(), '--chunk-rows', '1000', '--json', '-o', tmp.path('chunked.json')]);
    expect(chunked.stderr).toBe('');
    expect(chunked.code).toBe(0);
    const [a, b] = [JSON.parse(chunked.stdout), JSON.parse(inMemory.stdout)];
    expect(a).toMatchObject({ rows: 10_000, chunkRows: 1000, nIter: 20, converged: b.converged, featureNames: ['x1', 'x2'] });
    a.lowerBounds.forEach((value: number, t: number) => expect(relative(value, b.lowerBounds[t]), `lowerBounds[${t}]`).toBeLessThan(1e-9));
    for (const key of ['logLikelihood', 'bic', 'aic'] as const) expect(relative(a[key], b[key]), key).toBeLessThan(1e-9);
    const expected = parametersOf(GaussianMixture.fromJSON(readFileSync(tmp.path('memory.json'), 'utf8')));
    const saved = parametersOf(GaussianMixture.fromJSON(readFileSync(tmp.path('chunked.json'), 'utf8')));
    saved.forEach((value, i) => expect(Math.abs(value - expected[i]!) / Math.max(Math.abs(expected[i]!), 1), `parameter ${i}`).toBeLessThan(1e-9));
    // With -o the chunk file sits next to the model; without, in the OS temp directory.
    expect(chunkFiles(tmp.dir)).toEqual([]);
    const text = await gmm(['fit', csvPath, '-k', '3', '--chunk-rows', '4096', '--max-iter', '5']);
    expect(text.code).toBe(0);
    expect(text.stdout).toContain('3-component full Gaussian mixture fitted to 10000 rows × 2 columns (x1, x2) of');
    expect(text.stdout).toContain('in chunks of 4096 rows');
    expect(chunkFiles(tmpdir())).toEqual([]);
  }, 30_000);

  it('a bad cell in the last row: the error names it, and neither the chunk file nor the model file is left', async () => {
    const bad = tmp.file('bad.csv', `${readFileSync(csvPath, 'utf8')}1.5,oops\n`);
    const model = tmp.path('bad-model.json');
    const { code, stderr } = await gmm(['fit', bad, '-k', '3', '--chunk-rows', '1000', '-o', model]);
    expect(code).toBe(1);
    expect(stderr).toBe(`error: ${bad}: row 10002, column "x2": "oops" is not a number\n`);
    expect(existsSync(model)).toBe(false);
    expect(readdirSync(tmp.dir).filter((name) => name.startsWith('.'))).toEqual([]);
  });

  it('an error in the fit, after the data was copied, also removes the chunk file', async () => {
    // -k 2 against three rows of --means-init: core rejects the start once the data is known.
    const model = tmp.path('mismatch.json');
    const { code, stderr } = await gmm(['fit', csvPath, '-k', '2', '--means-init', meansPath, '--chunk-rows', '1000', '-o', model]);
    expect(code).toBe(1);
    expect(stderr).toMatch(/^error: --means-init: /);
    expect(existsSync(model)).toBe(false);
    expect(readdirSync(tmp.dir).filter((name) => name.startsWith('.'))).toEqual([]);
  });

  it.each([
    [['--on-degenerate', 'recover'], '--on-degenerate recover'],
    [['--missing', 'em'], '--missing em'],
    [['--weights-column', 'x2'], '--weights-column'],
    [['--warm-start', 'model.json'], '--warm-start'],
    [['--online'], '--online'],
  ])('rejects %o as a usage error', async (args, flag) => {
    const { code, stderr } = await gmm(['fit', csvPath, '--chunk-rows', '1000', ...args]);
    expect(code).toBe(2);
    expect(stderr).toMatch(new RegExp(`^error: ${flag} cannot be combined with --chunk-rows: .+\\n$`));
  });

  it('takes --on-degenerate error (what a chunked fit does anyway) and rejects a chunk size below 1', async () => {
    const accepted = await gmm(['fit', '--dataset', 'faithful', '-k', '2', '--chunk-rows', '100', '--on-degenerate', 'error', '--json']);
    expect(accepted.code).toBe(0);
    expect(JSON.parse(accepted.stdout)).toMatchObject({ rows: 272, chunkRows: 100 });
    const rejected = await gmm(['fit', '--dataset', 'faithful', '--chunk-rows', '0']);
    expect(rejected.code).toBe(2);
    expect(rejected.stderr).toContain('expected an integer >= 1');
  });
});

/** Writes `rows` rows of three well-separated groups in 2-D (fixed interleaved order) and returns their values. */
async function writeGroups(path: string, rows: number): Promise<Float64Array> {
  const values = new Float64Array(rows * 2);
  const out = createWriteStream(path);
  const write = (text: string) => (out.write(text) ? Promise.resolve() : new Promise<void>((resolve) => out.once('drain', () => resolve())));
  await write('a,b\n');
  let block: string[] = [];
  for (let i = 0; i < rows; i++) {
    const group = i % 3;
    const a = (10 * group + ((i * 7919) % 1000) / 500).toFixed(4);
    const b = (-5 * group + ((i * 104729) % 1000) / 400).toFixed(4);
    values[2 * i] = Number(a);
    values[2 * i + 1] = Number(b);
    block.push(`${a},${b}`);
    if (block.length === 50_000) {
      await write(`${block.join('\n')}\n`);
      block = [];
    }
  }
  if (block.length > 0) await write(`${block.join('\n')}\n`);
  await new Promise<void>((resolve) => out.end(resolve));
  return values;
}

function spawnGmm(args: string[], cwd: string): Promise<{ code: number | null; stdout: string; stderr: string; peakRss: number; pid: number }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, args, { cwd });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    const rss = watchPeakRss(child.pid);
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, stdout, stderr, peakRss: rss.stop(), pid: child.pid! }));
  });
}

describe('gmm fit --chunk-rows, spawned', () => {
  beforeAll(() => {
    if (!existsSync(new URL('../dist/main.js', import.meta.url))) throw new Error('apps/cli/dist is missing: run `pnpm build` in apps/cli first');
  });

  it('fits 2,000,000 rows in blocks of 200,000 under a 64 MB heap to the in-memory log-likelihood', async () => {
    const big = tempDir();
    try {
      const rows = 2_000_000;
      const X = { data: await writeGroups(big.path('big.csv'), rows), rows, cols: 2 };
      big.file('means.csv', '1,1\n11,-4\n21,-9\n');
      big.file('weights.csv', '0.3,0.3,0.4\n');
      const start = ['--means-init', 'means.csv', '--weights-init', 'weights.csv', '--tol', '0', '--max-iter', '8'];
      const result = await spawnGmm(
        ['--max-old-space-size=64', BIN, 'fit', 'big.csv', ...start, '--chunk-rows', '200000', '-o', 'model.json', '--json'],
        big.dir,
      );
      expect(result.stderr).toBe('');
      expect(result.code).toBe(0);
      const summary = JSON.parse(result.stdout);
      expect(summary).toMatchObject({ rows, chunkRows: 200_000, nIter: 8 });
      expect(readdirSync(big.dir).sort()).toEqual(['big.csv', 'means.csv', 'model.json', 'weights.csv']);
      // Measured on this 31 MB file: peak RSS ~115 MB chunked, ~258 MB for the in-memory fit (the rows, their copy in
      // kernel memory and the parse), so the bound fails any path that holds the whole input.
      if (result.peakRss > 0) expect(result.peakRss).toBeLessThan(150e6);
      // The chunked fit's starting covariances come from its 10,000-row sample; the groups are so far apart that
      // both fits reach the same fixed point within 8 iterations.
      const inMemory = await fit(X, {
        nComponents: 3,
        meansInit: [[1, 1], [11, -4], [21, -9]],
        weightsInit: [0.3, 0.3, 0.4],
        tol: 0,
        maxIter: 8,
      });
      expect(relative(summary.logLikelihood, inMemory.score(X) * rows)).toBeLessThan(1e-9);
    } finally {
      big.remove();
    }
  }, 60_000);
});
