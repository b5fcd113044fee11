/** gmm impute and gmm regress, driven in-process, against @gmm/core on the same model and data. */
import { readFileSync } from 'node:fs';
import { Readable } from 'node:stream';
import { GaussianMixture } from '@gmm/core';
import { faithful } from '@gmm/datasets';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { run } from '../src/main.js';
import { tempDir, type TempDir } from './fixtures.js';
import { Capture, gmm } from './helpers.js';

let tmp: TempDir;
let modelPath: string;
let model: GaussianMixture;

beforeAll(async () => {
  tmp = tempDir();
  modelPath = tmp.path('faithful2.json');
  expect((await gmm(['fit', '--dataset', 'faithful', '-k', '2', '-o', modelPath, '--quiet'])).code).toBe(0);
  model = GaussianMixture.fromJSON(readFileSync(modelPath, 'utf8'));
});

afterAll(() => tmp.remove());

/** Faithful as CSV text with every 5th eruption length and every 7th waiting time missing (in turn empty, NaN, NA). */
function faithfulWithGaps(rows = 272): { text: string; data: Float64Array } {
  const X = faithful();
  const tokens = ['', 'NaN', 'NA'];
  const data = new Float64Array(rows * 2);
  const lines = ['eruptions,waiting'];
  for (let i = 0; i < rows; i++) {
    const source = i % X.rows;
    const cells = [0, 1].map((c) => {
      const gap = c === 0 ? i % 5 === 0 : i % 7 === 3;
      data[i * 2 + c] = gap ? NaN : X.data[source * 2 + c]!;
      return gap ? tokens[i % 3]! : String(X.data[source * 2 + c]);
    });
    lines.push(cells.join(','));
  }
  return { text: `${lines.join('\n')}\n`, data };
}

/** Runs gmm with stdin delivered in the given chunks. */
async function gmmChunked(args: string[], chunks: string[]): Promise<string> {
  const stdout = new Capture();
  const code = await run(args, { stdout, stderr: new Capture(), stdin: Readable.from(chunks), stderrIsTTY: false, env: {} });
  expect(code).toBe(0);
  return stdout.text;
}

describe('impute', () => {
  it('fills empty, NaN and NA cells with core impute, keeping the header and the observed cells', async () => {
    const { text, data } = faithfulWithGaps();
    const { code, stdout } = await gmm(['impute', modelPath, tmp.file('gaps.csv', text)]);
    expect(code).toBe(0);
    const [header, ...rows] = stdout.trimEnd().split('\n');
    expect(header).toBe('eruptions,waiting');
    const expected = model.impute({ data, rows: 272, cols: 2 }).data;
    expect(rows.map((row) => row.split(',').map(Number)).flat()).toEqual(Array.from(expected));
    expect(rows[1]).toBe(text.split('\n')[2]);
  });

  it('picks the model columns by name from a wider file, in the model order', async () => {
    const { stdout } = await gmm(['impute', modelPath, '-'], { stdin: 'id,waiting,eruptions\n1,,3.5\n2,80,NA\n' });
    const expected = model.impute([
      [3.5, NaN],
      [NaN, 80],
    ]).data;
    expect(stdout).toBe(`eruptions,waiting\n3.5,${expected[1]}\n${expected[2]},80\n`);
  });

  it('--method sample is seeded and does not depend on how the input arrives', async () => {
    const { text } = faithfulWithGaps(10_000);
    const args = ['impute', modelPath, '-', '--method', 'sample', '--seed', '4'];
    const whole = await gmmChunked(args, [text]);
    const pieces = Array.from({ length: Math.ceil(text.length / 1000) }, (_, i) => text.slice(i * 1000, (i + 1) * 1000));
    expect(await gmmChunked(args, pieces)).toBe(whole);
    expect(await gmmChunked([...args.slice(0, -1), '5'], [text])).not.toBe(whole);
    const means = await gmmChunked(['impute', modelPath, '-'], [text]);
    expect(whole.split('\n')[1]).not.toBe(means.split('\n')[1]);
    expect(whole.split('\n')[2]).toBe(means.split('\n')[2]);
  });
});

describe('regress', () => {
  it('prints the conditional mean and standard deviation of each other feature, as core regress', async () => {
    const { code, stdout } = await gmm(['regress', modelPath, '--dataset', 'faithful', '--inputs', 'eruptions']);
    expect(code).toBe(0);
    const [header, ...rows] = stdout.trimEnd().split('\n');
    expect(header).toBe('waiting_mean,waiting_sd');
    const X = faithful();
    const eruptions = Array.from({ length: X.rows }, (_, i) => [X.data[i * 2]!]);
    const { mean, covariance } = model.regress(eruptions, [0]);
    expect(rows).toHaveLength(272);
    rows.forEach((row, i) => expect(row).toBe(`${mean.data[i]},${Math.sqrt(covariance[i]!)}`));
  });

  it('reads a file holding only the input column, takes --inputs by index, and --json gives full covariances', async () => {
    const { stdout } = await gmm(['regress', modelPath, '-', '--inputs', '2', '--json'], { stdin: 'waiting\n50\n85\n' });
    const json = JSON.parse(stdout);
    const { mean, covariance } = model.regress([[50], [85]], [1]);
    expect(json).toEqual({
      inputs: ['waiting'],
      outputs: ['eruptions'],
      rows: [
        { mean: [mean.data[0]], covariance: [[covariance[0]]] },
        { mean: [mean.data[1]], covariance: [[covariance[1]]] },
      ],
    });
  });
});
