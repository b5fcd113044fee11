/** Every command driven through commander's parseAsync with captured streams. */
import { existsSync, readFileSync } from 'node:fs';
import { fit, GaussianMixture } from '@gmm/core';
import { faithful } from '@gmm/datasets';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { tempDir, TWO_GROUPS, type TempDir } from './fixtures.js';
import { gmm } from './helpers.js';

let tmp: TempDir;
let modelPath: string;

beforeAll(async () => {
  tmp = tempDir();
  modelPath = tmp.path('tied3.json');
  const result = await gmm(['fit', '--dataset', 'faithful', '-k', '3', '--covariance', 'tied', '-o', modelPath, '--quiet']);
  expect(result.code).toBe(0);
});

afterAll(() => tmp.remove());

const loadModel = () => GaussianMixture.fromJSON(readFileSync(modelPath, 'utf8'));

describe('fit', () => {
  it('--json reports the same model as core with the same options, with the lower-bound history and timings', async () => {
    const { code, stdout } = await gmm(['fit', '--dataset', 'faithful', '-k', '2', '--n-init', '2', '--seed', '4', '--json']);
    expect(code).toBe(0);
    const summary = JSON.parse(stdout);
    const X = faithful();
    const direct = await fit(X, { nComponents: 2, nInit: 2, seed: 4 });
    expect(summary).toMatchObject({
      source: 'data set faithful',
      rows: 272,
      featureNames: ['eruptions', 'waiting'],
      covarianceType: 'full',
      nComponents: 2,
      means: direct.means,
      nIter: direct.nIter,
      lowerBounds: direct.lowerBounds,
      bic: direct.bic(X),
      aic: direct.aic(X),
      nParameters: 11,
      output: null,
    });
    expect(summary.logLikelihood).toBeCloseTo(direct.score(X) * 272, 9);
    expect(Object.keys(summary.timings)).toEqual(['load', 'fit', 'perIteration']);
    expect(summary.timings.perIteration).toBeGreaterThan(0);
  });

  it('prints a readable summary and writes a model that records the column names', async () => {
    const { stdout } = await gmm(['fit', '--dataset', 'faithful', '-k', '2', '-o', tmp.path('full2.json')]);
    for (const part of ['2-component full Gaussian mixture fitted to 272 rows × 2 columns (eruptions, waiting)', 'converged after', 'BIC', 'AIC', 'covariance of component 1:', 'time: load', 'model written to']) {
      expect(stdout).toContain(part);
    }
    expect(JSON.parse(readFileSync(tmp.path('full2.json'), 'utf8'))).toMatchObject({ format: 'gmm-model', version: 1, featureNames: ['eruptions', 'waiting'] });
  });

  it('reads stdin with -, picks --columns, and takes -k from --means-init and --weights-init', async () => {
    const means = tmp.file('means.csv', 'x,y\n0,0\n5,5\n');
    const weights = tmp.file('weights.csv', '0.5,0.5\n');
    const { code, stdout } = await gmm(['fit', '-', '--columns', 'y,x', '--means-init', means, '--weights-init', weights, '--json'], { stdin: TWO_GROUPS });
    expect(code).toBe(0);
    const summary = JSON.parse(stdout);
    expect(summary).toMatchObject({ source: '<stdin>', nComponents: 2, featureNames: ['y', 'x'] });
    expect(summary.means[0][0]).toBeCloseTo(0.15, 10);
    expect(summary.means[1][0]).toBeCloseTo(5.075, 10);
  });

  it('--warm-start continues from a model (its k and covariance type)', async () => {
    const { stdout } = await gmm(['fit', '--dataset', 'faithful', '--warm-start', modelPath, '--json']);
    const summary = JSON.parse(stdout);
    expect(summary).toMatchObject({ nComponents: 3, covarianceType: 'tied' });
    expect(summary.lowerBounds[0]).toBeGreaterThanOrEqual(loadModel().lowerBound);
  });
});

describe('predict, score, sample', () => {
  it('predict prints the labels of core predict, and --proba rows that sum to 1', async () => {
    const model = loadModel();
    const labels = await gmm(['predict', modelPath, '--dataset', 'faithful']);
    expect(labels.stdout).toBe(`component\n${Array.from(model.predict(faithful())).join('\n')}\n`);
    const proba = await gmm(['predict', modelPath, '--dataset', 'faithful', '--proba']);
    const [header, ...rows] = proba.stdout.trimEnd().split('\n');
    expect(header).toBe('proba_0,proba_1,proba_2');
    expect(rows).toHaveLength(272);
    for (const row of rows) expect(row.split(',').reduce((sum, p) => sum + Number(p), 0)).toBeCloseTo(1, 12);
    const json = JSON.parse((await gmm(['predict', modelPath, '--dataset', 'faithful', '--json'])).stdout);
    expect(json).toEqual({ nComponents: 3, labels: Array.from(model.predict(faithful())) });
  });

  it('score prints one log-density per line, then the mean', async () => {
    const model = loadModel();
    const { stdout } = await gmm(['score', modelPath, '--dataset', 'faithful']);
    const lines = stdout.trimEnd().split('\n');
    expect(lines).toHaveLength(273);
    expect(lines.slice(0, 272).map(Number)).toEqual(Array.from(model.scoreSamples(faithful())));
    expect(lines[272]).toBe(`# mean ${model.score(faithful())}`);
    const json = JSON.parse((await gmm(['score', modelPath, '--dataset', 'faithful', '--json'])).stdout);
    expect(json.rows).toBe(272);
    expect(json.mean).toBeCloseTo(model.score(faithful()), 12);
  });

  it('sample output (features + component) feeds score by column name, deterministically by seed', async () => {
    const first = await gmm(['sample', modelPath, '-n', '50', '--seed', '9']);
    const again = await gmm(['sample', modelPath, '-n', '50', '--seed', '9']);
    expect(first.stdout).toBe(again.stdout);
    const lines = first.stdout.trimEnd().split('\n');
    expect(lines[0]).toBe('eruptions,waiting,component');
    expect(lines).toHaveLength(51);
    const { X, labels } = loadModel().sample(50, 9);
    expect(lines[1]).toBe(`${X.data[0]},${X.data[1]},${labels[0]}`);
    const scored = await gmm(['score', modelPath, '-'], { stdin: first.stdout });
    expect(scored.code).toBe(0);
    expect(scored.stdout.trimEnd().split('\n')).toHaveLength(51);
    const json = JSON.parse((await gmm(['sample', modelPath, '-n', '3', '--json'])).stdout);
    expect(json.featureNames).toEqual(['eruptions', 'waiting']);
    expect(json.X).toHaveLength(3);
    expect(json.components).toHaveLength(3);
  });
});

describe('select', () => {
  it('ranks every candidate, marks the best, writes it with -o and draws --plot', async () => {
    const best = tmp.path('best.json');
    const plot = tmp.path('bic.svg');
    const { code, stdout } = await gmm(['select', '--dataset', 'faithful', '--components', '1..3', '--covariance', 'full,tied', '-o', best, '--plot', plot]);
    expect(code).toBe(0);
    const rows = stdout.split('\n').filter((line) => /^\*?\s+\d+\s+(full|tied)/.test(line));
    expect(rows).toHaveLength(6);
    expect(rows[0]).toMatch(/^\*\s+1\s+tied\s+3\s/);
    expect(stdout).toContain('best: tied with k = 3');
    expect(JSON.parse(readFileSync(best, 'utf8'))).toMatchObject({ covarianceType: 'tied', nComponents: 3, featureNames: ['eruptions', 'waiting'] });
    const svg = readFileSync(plot, 'utf8');
    expect(svg.match(/role-mark criterion/g)).toHaveLength(2);
    expect(svg).toContain('BIC (lower is better)');
  });

  it('--json gives every candidate sorted by the criterion and the best with its model', async () => {
    const { stdout } = await gmm(['select', '--dataset', 'faithful', '--components', '2,3', '--covariance', 'tied', '--criterion', 'aic', '--json']);
    const json = JSON.parse(stdout);
    expect(json.criterion).toBe('aic');
    expect(json.candidates.map((c: { nComponents: number }) => c.nComponents)).toEqual([3, 2]);
    expect(json.candidates[0].aic).toBeLessThan(json.candidates[1].aic);
    expect(json.best).toMatchObject({ nComponents: 3, covarianceType: 'tied', model: { format: 'gmm-model' } });
  });
});

describe('plot and info', () => {
  it('plot draws the points, 1σ/2σ ellipses and means of a 2-D model as SVG', async () => {
    const { code, stdout } = await gmm(['plot', modelPath, '--dataset', 'faithful']);
    expect(code).toBe(0);
    expect(stdout.startsWith('<svg')).toBe(true);
    expect(stdout.match(/<path[^>]*>/g)!.length).toBeGreaterThan(272);
    expect(stdout).toContain('role-mark point');
    expect(stdout.match(/role-mark ellipse/g)).toHaveLength(6); // 3 components × 2 levels
    expect(stdout).toContain('role-mark mean');
    expect(stdout).toContain('>eruptions</text>');
    expect(stdout).toContain('>waiting</text>');
  });

  it('plot --x alone draws a histogram with each component density and their sum', async () => {
    const out = tmp.path('waiting.svg');
    expect((await gmm(['plot', modelPath, '--dataset', 'faithful', '--x', 'waiting', '-o', out])).code).toBe(0);
    const svg = readFileSync(out, 'utf8');
    expect(svg).toContain('role-mark bar');
    expect(svg.match(/role-mark density/g)).toHaveLength(4); // 3 components + the mixture
    expect(svg).toContain('>mixture</text>');
  });

  it('info describes the model, as text and as JSON', async () => {
    const text = (await gmm(['info', modelPath])).stdout;
    expect(text).toContain('gmm-model version 1');
    expect(text).toContain('3-component tied Gaussian mixture over 2 features (eruptions, waiting)');
    const json = JSON.parse((await gmm(['info', modelPath, '--json'])).stdout);
    expect(json).toMatchObject({ format: 'gmm-model', version: 1, covarianceType: 'tied', nComponents: 3, nParameters: 11 });
  });
});

describe('help, version, progress', () => {
  it.each(['fit', 'select', 'predict', 'score', 'sample', 'impute', 'regress', 'plot', 'info'])('%s --help shows an example', async (name) => {
    const { code, stdout } = await gmm([name, '--help']);
    expect(code).toBe(0);
    expect(stdout).toMatch(/Examples?:\n\s+\$ gmm /);
  });

  it('--version prints the package version', async () => {
    const { version } = JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8'));
    expect((await gmm(['--version'])).stdout).toBe(`${version}\n`);
  });

  it('select draws a progress bar on a terminal stderr, but not with --json or --quiet', async () => {
    const args = ['select', '--dataset', 'faithful', '--components', '1..2', '--covariance', 'tied'];
    expect((await gmm(args, { stderrIsTTY: true })).stderr).toMatch(/\d\/2 tied k=\d/);
    expect((await gmm([...args, '--json'], { stderrIsTTY: true })).stderr).toBe('');
    expect((await gmm([...args, '--quiet'], { stderrIsTTY: true })).stderr).toBe('');
    expect((await gmm(args)).stderr).toBe('');
  });

  it('an output file appears only when the command succeeds', async () => {
    const bad = tmp.file('late-bad.csv', `eruptions,waiting\n${'1,50\n'.repeat(1000)}1,oops\n`);
    const out = tmp.path('labels.csv');
    const result = await gmm(['predict', modelPath, bad, '-o', out]);
    expect(result.code).toBe(1);
    expect(existsSync(out)).toBe(false);
  });
});
