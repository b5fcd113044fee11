/** End to end: the built binary spawned on real files (run `pnpm build` first; turbo's test task does). */
import { spawn } from 'node:child_process';
import { createWriteStream, existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { watchPeakRss } from './peak-rss.js';
import { tempDir, type TempDir } from './fixtures.js';

const BIN = fileURLToPath(new URL('../bin/gmm.js', import.meta.url));

interface Spawned {
  code: number | null;
  stdout: string;
  stderr: string;
  /** Peak resident memory in bytes (Linux /proc), 0 where unknown. */
  peakRss: number;
}

/** Runs a shell command line; `gmm` stands for the built binary. Polls the child's peak RSS. */
function sh(command: string, options: { cwd: string; keepStdout?: boolean }): Promise<Spawned> {
  return new Promise((resolve, reject) => {
    const line = command.replaceAll('gmm ', `"${process.execPath}" "${BIN}" `);
    // A single command is exec'd, so the polled pid is node itself rather than the shell.
    const child = spawn('sh', ['-c', /[|&;]/.test(line) ? line : `exec ${line}`], { cwd: options.cwd });
    let stdout = '';
    let stderr = '';
    let stdoutBytes = 0;
    child.stdout.on('data', (chunk: Buffer) => {
      stdoutBytes += chunk.length;
      if (options.keepStdout !== false) stdout += chunk.toString();
    });
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    const rss = watchPeakRss(child.pid);
    child.on('error', reject);
    child.on('close', (code) => {
      const peakRss = rss.stop();
      resolve({ code, stdout: options.keepStdout === false ? `${stdoutBytes} bytes` : stdout, stderr, peakRss });
    });
  });
}

let tmp: TempDir;

beforeAll(() => {
  if (!existsSync(new URL('../dist/main.js', import.meta.url))) throw new Error('apps/cli/dist is missing: run `pnpm build` in apps/cli first');
  tmp = tempDir();
});

afterAll(() => tmp.remove());

describe('gmm binary', () => {
  it('fit → predict → score on files, and sample | score through a pipe', async () => {
    const cwd = tmp.dir;
    tmp.file('data.tsv', 'length\twait\n' + readFileSync(new URL('../../../packages/datasets/data/faithful.csv', import.meta.url), 'utf8').split('\n').slice(1).filter(Boolean).map((line) => line.split(',').join('\t')).join('\n'));
    const fitted = await sh('gmm fit data.tsv -k 2 -o model.json --quiet', { cwd });
    expect(fitted.code).toBe(0);
    expect(fitted.stdout).toContain('2-component full Gaussian mixture fitted to 272 rows × 2 columns (length, wait)');
    const piped = await sh('gmm predict model.json data.tsv | head -3', { cwd });
    expect(piped.stdout).toMatch(/^component\n[01]\n[01]\n$/);
    const scored = await sh('cat data.tsv | gmm score model.json -', { cwd });
    expect(scored.code).toBe(0);
    expect(scored.stdout.trimEnd().split('\n')).toHaveLength(273);
    const sampled = await sh('gmm sample model.json -n 2000 --seed 5 | gmm score model.json -', { cwd });
    expect(sampled.code).toBe(0);
    const lines = sampled.stdout.trimEnd().split('\n');
    expect(lines).toHaveLength(2001);
    // The sample comes from the model, so its mean log-density is close to the data's.
    const mean = (text: string) => Number(/# mean (\S+)/.exec(text)![1]);
    expect(Math.abs(mean(sampled.stdout) - mean(scored.stdout))).toBeLessThan(0.2);
  }, 30_000);

  it('select --dataset faithful finds tied with k = 3 (as scikit-learn and mclust), and plot writes an SVG', async () => {
    const cwd = tmp.dir;
    // Ref: shared fixture faithful-bic-grid (best tied, k = 3, BIC 2314.30)
    const selected = await sh('gmm select --dataset faithful -o best.json', { cwd });
    expect(selected.code).toBe(0);
    expect(selected.stdout).toMatch(/^\*\s+1\s+tied\s+3\s+2314\.3\s/m);
    expect(selected.stdout).toContain('best: tied with k = 3');
    const plotted = await sh('gmm plot best.json --dataset faithful -o fit.svg', { cwd });
    expect(plotted.code).toBe(0);
    const svg = readFileSync(tmp.path('fit.svg'), 'utf8');
    expect(svg).toMatch(/^<svg[^>]*xmlns="http:\/\/www\.w3\.org\/2000\/svg"/);
    expect(svg.match(/role-mark ellipse/g)).toHaveLength(6);
  }, 60_000);

  it('exits 2 on usage errors and 1 on data errors, with one line and no stack trace', async () => {
    const usage = await sh('gmm fit --dataset faithful -k 0', { cwd: tmp.dir });
    expect(usage.code).toBe(2);
    const data = await sh('gmm fit missing.csv', { cwd: tmp.dir });
    expect(data.code).toBe(1);
    expect(data.stderr).toBe("error: cannot read 'missing.csv': no such file or directory\n");
  }, 30_000);
});

/** Writes `rows` rows of two columns, `badLast` making the last cell non-numeric. */
async function writeLargeCsv(path: string, rows: number, badLast = false): Promise<number> {
  const out = createWriteStream(path);
  let bytes = 0;
  const write = (text: string) => {
    bytes += text.length;
    return out.write(text) ? Promise.resolve() : new Promise<void>((resolve) => out.once('drain', () => resolve()));
  };
  await write('eruptions,waiting\n');
  const block: string[] = [];
  for (let i = 0; i < rows; i++) {
    // Deterministic values spread over both geyser modes.
    block.push(`${(1.6 + ((i * 7919) % 3500) / 1000).toFixed(4)},${(43 + ((i * 104729) % 53000) / 1000).toFixed(4)}`);
    if (block.length === 50_000) {
      await write(`${block.join('\n')}\n`);
      block.length = 0;
    }
  }
  if (badLast) block.push('1,oops');
  if (block.length > 0) await write(`${block.join('\n')}\n`);
  await new Promise<void>((resolve) => out.end(resolve));
  return bytes;
}

describe('output paths', () => {
  it('-o to a named pipe writes into the pipe and never replaces it with a file', async () => {
    const cwd = tmp.dir;
    expect((await sh('gmm fit --dataset faithful -o pipe-model.json --quiet', { cwd })).code).toBe(0);
    const result = await sh('mkfifo out.fifo && { cat out.fifo > copy.csv & gmm sample pipe-model.json -n 5 -o out.fifo; wait; }', { cwd });
    expect(result.code).toBe(0);
    expect(readFileSync(tmp.path('copy.csv'), 'utf8').trimEnd().split('\n')).toHaveLength(6);
    expect(statSync(tmp.path('out.fifo')).isFIFO()).toBe(true);
  }, 30_000);
});

describe('streaming', () => {
  it('score over a 60 MB file keeps memory bounded by the model, not the file', async () => {
    const cwd = tmp.dir;
    expect((await sh('gmm fit --dataset faithful -k 2 -o model.json --quiet', { cwd })).code).toBe(0);
    const bytes = await writeLargeCsv(tmp.path('large.csv'), 4_000_000);
    expect(bytes).toBeGreaterThan(60e6);
    // A 48 MB heap cannot hold the file's text, let alone its rows as arrays: only a streaming reader passes.
    const result = await sh(`node --max-old-space-size=48 "${BIN}" score model.json large.csv`.replace('node ', `"${process.execPath}" `), {
      cwd,
      keepStdout: false,
    });
    expect(result.stderr).toBe('');
    expect(result.code).toBe(0);
    if (result.peakRss > 0) expect(result.peakRss).toBeLessThan(160e6);
  }, 60_000);

  it('predict -o over a large file with a bad last row leaves no output and no temporary file', async () => {
    await writeLargeCsv(tmp.path('late-error.csv'), 300_000, true);
    const before = readdirSync(tmp.dir).sort();
    const result = await sh('gmm predict model.json late-error.csv -o labels.csv', { cwd: tmp.dir });
    expect(result.code).toBe(1);
    expect(result.stderr).toBe('error: late-error.csv: row 300002, column "waiting": "oops" is not a number\n');
    expect(readdirSync(tmp.dir).sort()).toEqual(before);
  }, 60_000);
});
