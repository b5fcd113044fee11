// gmm fit --online --batch-size N (issue 7, point 4): online EM over a CSV stream, never holding the whole input.
import { spawn } from 'node:child_process';
import { createReadStream, createWriteStream, existsSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { fit, GaussianMixture } from '@gmm/core';
import { blobs2d } from '@gmm/datasets';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { tempDir, type TempDir } from './fixtures.js';
import { gmm } from './helpers.js';
import { watchPeakRss } from './peak-rss.js';

const BIN = fileURLToPath(new URL('../bin/gmm.js', import.meta.url));

/** blobs-2d in a fixed shuffled order (i·7919 mod n, 7919 prime to n = 10,000), so every batch sees every blob. */
function shuffledBlobs(): { csv: string; data: Float64Array; rows: number; cols: number } {
  const set = blobs2d();
  const data = new Float64Array(set.rows * 2);
  const lines = ['x1,x2'];
  for (let i = 0; i < set.rows; i++) {
    const source = (i * 7919) % set.rows;
    data[2 * i] = set.data[2 * source]!;
    data[2 * i + 1] = set.data[2 * source + 1]!;
    lines.push(`${data[2 * i]},${data[2 * i + 1]}`);
  }
  return { csv: `${lines.join('\n')}\n`, data, rows: set.rows, cols: 2 };
}

let tmp: TempDir;
const BLOBS = shuffledBlobs();
let csvPath: string;

beforeAll(() => {
  tmp = tempDir();
  csvPath = tmp.file('blobs.csv', BLOBS.csv);
});

afterAll(() => tmp.remove());

describe('gmm fit --online', () => {
  it('fits batch by batch to within 1% of the batch fit’s log-likelihood and writes the model', async () => {
    const modelPath = tmp.path('online.json');
    const { code, stdout, stderr } = await gmm(['fit', csvPath, '--online', '--batch-size', '300', '-k', '3', '-o', modelPath, '--json']);
    expect(stderr).toBe('');
    expect(code).toBe(0);
    const summary = JSON.parse(stdout);
    // 10,000 rows in batches of 300: 33 full batches and one of 100.
    expect(summary).toMatchObject({ rows: 10_000, nBatches: 34, batchSize: 300, online: true, nComponents: 3, featureNames: ['x1', 'x2'] });
    const model = GaussianMixture.fromJSON(readFileSync(modelPath, 'utf8'));
    expect(model.nIter).toBe(34);
    // Ref: our batch EM on the whole file, nInit 5.
    const target = (await fit(BLOBS, { nComponents: 3, nInit: 5 })).score(BLOBS);
    expect(Math.abs(model.score(BLOBS) - target) / Math.abs(target)).toBeLessThan(0.01);
    expect(Math.abs(summary.prequentialScore - target) / Math.abs(target)).toBeLessThan(0.01);
  }, 30_000);

  it('prints fit’s summary with batches instead of iterations', async () => {
    const { code, stdout } = await gmm(['fit', '--dataset', 'faithful', '--online', '--batch-size', '100', '-k', '2', '--covariance', 'diag']);
    expect(code).toBe(0);
    expect(stdout).toContain('2-component diag Gaussian mixture fitted online to 272 rows × 2 columns (eruptions, waiting) of data set faithful');
    expect(stdout).toContain('online EM over 3 batches of 100 rows');
    expect(stdout).toMatch(/prequential log-likelihood -?\d/);
    expect(stdout).toContain('variances (diagonal covariances):');
  });

  it('reads stdin as a stream', async () => {
    const { code, stdout } = await gmm(['fit', '-', '--online', '--batch-size', '2000', '-k', '3', '--json'], { stdin: BLOBS.csv });
    expect(code).toBe(0);
    expect(JSON.parse(stdout)).toMatchObject({ source: '<stdin>', rows: 10_000, nBatches: 5 });
  });

  it.each([
    [['--batch-size', '10'], 'error: --batch-size needs --online\n'],
    [['--online', '--warm-start', 'model.json'], 'error: --warm-start cannot be combined with --online\n'],
    [['--online', '--means-init', 'means.csv'], 'error: --means-init cannot be combined with --online\n'],
  ])('rejects %o as a usage error', async (args, message) => {
    const { code, stderr } = await gmm(['fit', '--dataset', 'faithful', ...args]);
    expect([code, stderr]).toEqual([2, message]);
  });

  it('rejects a batch size that is not a positive integer', async () => {
    const { code, stderr } = await gmm(['fit', '--dataset', 'faithful', '--online', '--batch-size', '0']);
    expect(code).toBe(2);
    expect(stderr).toContain('expected an integer >= 1');
  });
});

/** Runs the built binary with `stdin` piped from a file; resolves with its exit code, output and peak RSS (Linux). */
function spawnWithStdin(args: string[], stdinPath: string): Promise<{ code: number | null; stdout: string; stderr: string; peakRss: number }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, args);
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    const rss = watchPeakRss(child.pid);
    createReadStream(stdinPath).pipe(child.stdin);
    child.on('error', reject);
    child.on('close', (code) => {
      const peakRss = rss.stop();
      resolve({ code, stdout, stderr, peakRss });
    });
  });
}

/** `rows` rows of three well-separated groups in 2-D, in a fixed interleaved order; returns the bytes written. */
async function writeGroupsCsv(path: string, rows: number): Promise<number> {
  const out = createWriteStream(path);
  let bytes = 0;
  const write = (text: string) => {
    bytes += text.length;
    return out.write(text) ? Promise.resolve() : new Promise<void>((resolve) => out.once('drain', () => resolve()));
  };
  await write('a,b\n');
  const block: string[] = [];
  for (let i = 0; i < rows; i++) {
    const group = i % 3;
    block.push(`${(10 * group + ((i * 7919) % 1000) / 500).toFixed(4)},${(-5 * group + ((i * 104729) % 1000) / 400).toFixed(4)}`);
    if (block.length === 50_000) {
      await write(`${block.join('\n')}\n`);
      block.length = 0;
    }
  }
  if (block.length > 0) await write(`${block.join('\n')}\n`);
  await new Promise<void>((resolve) => out.end(resolve));
  return bytes;
}

describe('gmm fit --online, spawned', () => {
  beforeAll(() => {
    if (!existsSync(new URL('../dist/main.js', import.meta.url))) throw new Error('apps/cli/dist is missing: run `pnpm build` in apps/cli first');
  });

  it('streams a 30 MB stdin under a 40 MB heap: memory bounded by the batch, not the input', async () => {
    const path = tmp.path('large.csv');
    expect(await writeGroupsCsv(path, 2_000_000)).toBeGreaterThan(30e6);
    // A 40 MB heap cannot hold the text. Measured peak RSS on this file: ~105 MB online; ~255 MB for plain fit, which
    // holds the rows (and their copy in kernel memory), so the 160 MB bound below fails any reader that keeps the input.
    const result = await spawnWithStdin(['--max-old-space-size=40', BIN, 'fit', '-', '--online', '--batch-size', '5000', '-k', '3', '--json'], path);
    expect(result.stderr).toBe('');
    expect(result.code).toBe(0);
    const summary = JSON.parse(result.stdout);
    expect(summary).toMatchObject({ rows: 2_000_000, nBatches: 400 });
    // The three groups sit near a = 0, 10, 20: each gets a third of the weight.
    expect([...summary.means.map((mean: number[]) => Math.round(mean[0]! / 10))].sort()).toEqual([0, 1, 2]);
    if (result.peakRss > 0) expect(result.peakRss).toBeLessThan(160e6);
  }, 60_000);
});
