/** Degenerate components (core's onDegenerate) and the ICL criterion through the commands. */
import { readFileSync, writeFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { tempDir, type TempDir } from './fixtures.js';
import { gmm } from './helpers.js';

let tmp: TempDir;
let threePoints: string;

beforeAll(() => {
  tmp = tempDir();
  threePoints = tmp.path('three-points.csv');
  // 20 copies of 3 distinct points: with regCovar 0, scikit-learn raises "ill-defined empirical covariance".
  const rows = Array.from({ length: 60 }, (_, i) => ['0,0', '1,0', '0,1'][i % 3]);
  writeFileSync(threePoints, `x,y\n${rows.join('\n')}\n`);
});

afterAll(() => tmp.remove());

describe('gmm fit on degenerate data', () => {
  it('recovers, prints one warning per reset on stderr and lists the resets in --json', async () => {
    const { code, stdout, stderr } = await gmm(['fit', threePoints, '-k', '5', '--covariance', 'diag', '--reg-covar', '0', '--json']);
    expect(code).toBe(0);
    const json = JSON.parse(stdout);
    expect(json.nComponents).toBeLessThanOrEqual(3);
    expect(json.resets.length).toBeGreaterThan(0);
    const warnings = stderr.trim().split('\n');
    expect(warnings).toHaveLength(json.resets.length);
    expect(warnings.every((line) => /^warning: component \d+ (collapsed|had an ill-defined covariance) at (iteration \d+|initialisation)/.test(line))).toBe(true);
    expect(stderr).toMatch(/was (re-seeded at row \d+|dropped)/);
  });

  it('--quiet silences the warnings', async () => {
    const { code, stderr } = await gmm(['fit', threePoints, '-k', '5', '--covariance', 'diag', '--reg-covar', '0', '--quiet']);
    expect(code).toBe(0);
    expect(stderr).toBe('');
  });

  it('--on-degenerate error fails as scikit-learn does', async () => {
    const { code, stderr } = await gmm(['fit', threePoints, '-k', '3', '--covariance', 'full', '--reg-covar', '0', '--on-degenerate', 'error']);
    expect(code).not.toBe(0);
    expect(stderr).toMatch(/ill-defined covariance/);
  });
});

describe('gmm select --criterion icl', () => {
  it('ranks by ICL, shows the ICL column and labels the plot with the criterion', async () => {
    const plot = tmp.path('icl.svg');
    const text = await gmm(['select', '--dataset', 'faithful', '--components', '1..3', '--covariance', 'full,tied', '--criterion', 'icl', '--plot', plot, '--quiet']);
    expect(text.code).toBe(0);
    expect(text.stdout).toMatch(/ranked by ICL/);
    expect(text.stdout).toMatch(/\bICL\b.*loglik\/row/);
    expect(readFileSync(plot, 'utf8')).toMatch(/ICL \(lower is better\)/);
    const { stdout } = await gmm(['select', '--dataset', 'faithful', '--components', '1..3', '--covariance', 'full,tied', '--criterion', 'icl', '--json']);
    const json = JSON.parse(stdout);
    expect(json.criterion).toBe('icl');
    const icls = json.candidates.map((candidate: { icl: number }) => candidate.icl);
    expect(icls).toEqual([...icls].sort((a: number, b: number) => a - b));
    expect(json.best.resets).toEqual([]);
  });
});
