/**
 * The built demo in Debian's chromium (playwright-core, never a downloaded browser), served by Vite's preview().
 * Needs `pnpm build` first (turbo's test task depends on build). Fails on any page error or console error.
 */
import { mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { fit, GaussianMixture } from '@gmm/core';
import { faithful } from '@gmm/datasets';
import type { BrowserContext, Page } from 'playwright-core';
import type { PreviewServer } from 'vite';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CASES, DATA_SEED, fixedStartOptions, generateCase } from '../../../../bench/cases.js';
import { launchChromium, startPreview } from '../support/browser.js';

const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
const artifacts = join(root, 'test-artifacts');

let server: PreviewServer;
let url: string;
let context: BrowserContext;
let page: Page;
let profile: string;
const problems: string[] = [];

async function status(): Promise<{ state: string; iteration: number; loglik: number; k: number; converged: boolean }> {
  const el = page.getByTestId('status');
  return {
    state: (await el.getAttribute('data-state')) ?? '',
    iteration: Number(await el.getAttribute('data-iteration')),
    loglik: Number(await el.getAttribute('data-loglik')),
    k: Number(await el.getAttribute('data-k')),
    converged: (await el.getAttribute('data-converged')) === 'true',
  };
}

async function waitForFinishedFit(k?: number): Promise<void> {
  await page.waitForFunction(
    (expectedK) => {
      const el = document.querySelector('[data-testid="status"]');
      return el?.getAttribute('data-state') === 'finished' && (expectedK === null || el.getAttribute('data-k') === String(expectedK));
    },
    k ?? null,
    { timeout: 15_000 },
  );
}

beforeAll(async () => {
  mkdirSync(artifacts, { recursive: true });
  ({ server, url } = await startPreview(root));
  profile = mkdtempSync(join(tmpdir(), 'gmm-web-e2e-'));
  context = await launchChromium(profile, { acceptDownloads: true, viewport: { width: 1400, height: 1000 } });
  page = context.pages()[0] ?? (await context.newPage());
  page.on('pageerror', (error) => problems.push(`page error: ${error.message}`));
  page.on('console', (message) => {
    if (message.type() === 'error') problems.push(`console error: ${message.text()} (${message.location().url})`);
  });
  await page.goto(url);
});

afterAll(async () => {
  await context?.close();
  await server?.close();
  if (profile) rmSync(profile, { recursive: true, force: true });
});

describe('the web demo in chromium', () => {
  it('is cross-origin isolated under vite preview, so its fits can share memory with E-step threads', async () => {
    expect(await page.evaluate(() => crossOriginIsolated)).toBe(true);
  });

  it('loads with Old Faithful and fits it, drawing ellipses', async () => {
    await expect.poll(() => page.getByTestId('data-summary').textContent()).toContain('Old Faithful: 272 rows × 2 columns');
    await waitForFinishedFit(2);
    const fitted = await status();
    expect(fitted.converged).toBe(true);
    expect(fitted.iteration).toBeGreaterThan(1);
    // 272 rows: one thread does it (core's default rule: one thread per 8192 rows).
    expect(await page.getByTestId('threads').textContent()).toBe('1 E-step thread');
    // Two 1σ and two 2σ ellipses, listed with their axes beside the plot.
    await expect.poll(() => page.getByTestId('plot').getAttribute('data-ellipses')).toBe('4');
    expect(await page.getByTestId('component-row').count()).toBe(2);
    const ellipses = await page.getByTestId('ellipse').allTextContents();
    expect(ellipses.every((text) => /^[\d.]+ × [\d.]+ at -?[\d.]+°$/.test(text))).toBe(true);
    await page.screenshot({ path: join(artifacts, 'fitted.png'), fullPage: true });
    expect(problems).toEqual([]);
  });

  it('predicts waiting from eruption length: the regression curve, and p(y | x) under the pointer', async () => {
    await waitForFinishedFit(2);
    await page.getByTestId('predict-toggle').check();
    const overlay = page.getByTestId('regression');
    await expect.poll(() => overlay.getAttribute('data-regression-points')).toBe('200');
    const [d0, d1] = (await overlay.getAttribute('data-x-domain'))!.split(',').map(Number) as [number, number];
    const [r0, r1] = (await overlay.getAttribute('data-x-range'))!.split(',').map(Number) as [number, number];
    const box = (await overlay.boundingBox())!;
    const readout = page.getByTestId('prediction');
    // The same fit in Node (bit-identical, see the export test) gives the expected E[waiting | eruptions].
    const inNode = await fit(faithful(), { nComponents: 2, covarianceType: 'full' });
    const predictAt = async (eruptions: number): Promise<number> => {
      await page.mouse.move(box.x + r0 + ((eruptions - d0) / (d1 - d0)) * (r1 - r0), box.y + box.height / 2);
      await expect.poll(async () => Math.abs(Number(await readout.getAttribute('data-x')) - eruptions)).toBeLessThan(0.02);
      const x = Number(await readout.getAttribute('data-x'));
      const mean = Number(await readout.getAttribute('data-mean'));
      expect(mean).toBeCloseTo(inNode.regress([[x]], [0]).mean.data[0]!, 9);
      return mean;
    };
    // Ref: Old Faithful's two clusters: short eruptions (~2 min) wait ~55 min, long ones (~4.5 min) ~80 min.
    const long = await predictAt(4.5);
    expect(long).toBeGreaterThan(75);
    expect(long).toBeLessThan(85);
    const weights = (await page.getByTestId('conditional-weight').allTextContents()).map(Number);
    expect(weights).toHaveLength(2);
    expect(weights.reduce((a, b) => a + b, 0)).toBeCloseTo(1, 2);
    await page.screenshot({ path: join(artifacts, 'predict.png') });
    const short = await predictAt(2.0);
    expect(short).toBeGreaterThan(50);
    expect(short).toBeLessThan(60);
    await page.getByTestId('predict-toggle').uncheck();
    await expect.poll(() => overlay.count()).toBe(0);
    expect(problems).toEqual([]);
  });

  it('Step advances the iteration counter one at a time and the log-likelihood never decreases', async () => {
    // A tighter tol than the default, so the fit is still going after six steps.
    const before = (await status()).iteration;
    await page.getByLabel('tol').fill('1e-9');
    await expect.poll(async () => { const now = await status(); return now.state === 'finished' && now.iteration > before; }).toBe(true);
    await page.getByTestId('reset').click();
    await expect.poll(async () => (await status()).state).toBe('no-fit');
    const trajectory: number[] = [];
    for (let i = 1; i <= 6; i++) {
      await page.getByTestId('step').click();
      await expect.poll(async () => (await status()).iteration).toBe(i);
      trajectory.push((await status()).loglik);
    }
    trajectory.slice(1).forEach((value, i) => expect(value).toBeGreaterThanOrEqual(trajectory[i]! - 1e-12 * Math.abs(trajectory[i]!)));
    expect(Number(await page.getByTestId('loglik-chart').getAttribute('data-points'))).toBe(6);
    await page.getByLabel('tol').fill('0.001');
    expect(problems).toEqual([]);
  });

  it('changing k refits', async () => {
    await page.getByTestId('k').fill('3');
    await waitForFinishedFit(3);
    expect(await page.getByTestId('component-row').count()).toBe(3);
    await expect.poll(() => page.getByTestId('plot').getAttribute('data-ellipses')).toBe('6');
    expect(problems).toEqual([]);
  });

  it('exports a model that @gmm/core loads in Node', async () => {
    await waitForFinishedFit(3);
    const [download] = await Promise.all([page.waitForEvent('download'), page.getByTestId('export-model').click()]);
    const path = await download.path();
    const model = GaussianMixture.fromJSON(readFileSync(path, 'utf8'));
    expect(model.nComponents).toBe(3);
    expect(model.covarianceType).toBe('full');
    expect(model.featureNames).toEqual(['eruptions', 'waiting']);
    // The browser's model scores the same data as a fit would: a finite mean log-likelihood near the status line's.
    const { loglik } = await status();
    expect(model.score(faithful())).toBeCloseTo(loglik, 2);
    // Deterministic across environments: the same options in Node give a bit-identical model.
    const inNode = await fit(faithful(), { nComponents: 3, covarianceType: 'full', featureNames: ['eruptions', 'waiting'] });
    expect(model.toJSON()).toEqual(inNode.toJSON());
    expect(problems).toEqual([]);
  });

  it('the model selection panel finishes and picks tied with k = 3 on Old Faithful', async () => {
    await page.getByTestId('select-run').click();
    // Ref: `gmm select` on Old Faithful (tol 1e-6, maxIter 1000, seed 0) ranks tied k = 3 first (BIC 2314.3).
    const best = page.getByTestId('selection-best');
    await best.waitFor({ timeout: 30_000 });
    expect(await best.getAttribute('data-covariance')).toBe('tied');
    expect(await best.getAttribute('data-k')).toBe('3');
    expect(await page.getByTestId('selection-grid').locator('tbody button').count()).toBe(36);
    // Picking a cell loads that model.
    await page.getByTestId('selection-grid').locator('tbody tr').nth(1).locator('button').nth(3).click();
    await expect.poll(() => page.getByTestId('covariance').inputValue()).toBe('spherical');
    await waitForFinishedFit(2);
    expect(problems).toEqual([]);
  });

  it('shows the row and column of a non-numeric cell in an uploaded CSV', async () => {
    await page.getByRole('radio', { name: 'CSV' }).check();
    await page.getByTestId('csv-file').setInputFiles({
      name: 'bad.csv',
      mimeType: 'text/csv',
      buffer: Buffer.from('a,b\n1,2\n3,4\n5,oops\n7,8\n'),
    });
    await expect.poll(() => page.getByTestId('csv-error').textContent()).toContain('Row 4, column "b": "oops" is not a number');
    expect(problems).toEqual([]);
  });

  it('fits a pasted CSV with empty cells once "Fit rows with missing values (EM)" is ticked', async () => {
    // Two clusters, around (1, 1) and (6, 6), spread deterministically; rows 3, 20 and 35 of the file have a gap.
    const lines = Array.from({ length: 40 }, (_, i) => {
      const centre = i < 20 ? 1 : 6;
      return [centre + 0.6 * Math.sin(1.7 * i), centre + 0.6 * Math.cos(2.3 * i)].map((v) => v.toFixed(3));
    });
    lines[1]![1] = '';
    lines[18]![0] = '';
    lines[33]![1] = 'NA';
    await page.getByLabel('…or paste CSV text').fill(['len,wid', ...lines.map((l) => l.join(','))].join('\n'));
    await page.getByRole('button', { name: 'Use pasted data' }).click();
    await expect.poll(() => page.getByTestId('csv-error').textContent()).toContain(
      'Row 3, column "wid": the cell is empty. Fix the cell, untick the column, or tick "Fit rows with missing values (EM)".',
    );
    await page.getByTestId('csv-missing').check();
    await expect.poll(() => page.getByTestId('csv-error').count()).toBe(0);
    const summary = page.getByTestId('data-summary');
    await expect
      .poll(() => summary.textContent())
      .toBe('pasted data: 40 rows × 2 columns; 3 missing cells in 3 rows (fitted by EM); 3 rows with gaps are fitted but not drawn');
    await expect.poll(() => page.getByTestId('status').textContent()).toContain('on len, wid');
    await waitForFinishedFit();
    const fitted = await status();
    expect(Number.isFinite(fitted.loglik)).toBe(true);
    expect(await page.getByTestId('export-missing-note').isVisible()).toBe(true);
    await page.screenshot({ path: join(artifacts, 'csv-missing.png'), fullPage: true });
    expect(problems).toEqual([]);
  });

  it('shows Iris, fits on all four columns and draws the marginal ellipses of the shown two', async () => {
    await page.getByRole('radio', { name: 'Iris' }).check();
    await page.getByLabel('all 4 columns').check();
    await page.getByTestId('k').fill('3');
    await expect.poll(() => page.getByTestId('status').textContent()).toContain('k = 3 on sepal_length, sepal_width, petal_length, petal_width');
    await waitForFinishedFit(3);
    await expect.poll(() => page.getByTestId('plot').getAttribute('data-ellipses')).toBe('6');
    expect(problems).toEqual([]);
  });

  it('fits 100,000 synthetic points in the worker with the page responsive, and shows a hovered point', async () => {
    await page.getByRole('radio', { name: 'Synthetic' }).check();
    await page.getByLabel('points n').fill('100000');
    await page.getByRole('button', { name: 'Generate' }).click();
    await expect.poll(() => page.getByTestId('data-summary').textContent()).toContain('100,000 rows');
    // The main thread answers at once while the worker fits.
    const lag = await page.evaluate(async () => {
      const start = performance.now();
      await new Promise((resolve) => setTimeout(resolve, 0));
      return performance.now() - start;
    });
    expect(lag).toBeLessThan(100);
    await waitForFinishedFit(3);
    // The fit worker started the E-step's workers itself (nested workers on its shared memory): one thread per
    // 8192 rows, at most one per core.
    const cores = await page.evaluate(() => navigator.hardwareConcurrency);
    const expectedThreads = Math.min(cores, Math.floor(100_000 / 8192));
    expect(Number(await page.getByTestId('threads').getAttribute('data-threads'))).toBe(expectedThreads);
    expect(await page.getByTestId('threads').textContent()).toBe(expectedThreads === 1 ? '1 E-step thread' : `${expectedThreads} E-step threads`);
    const box = (await page.getByTestId('plot').boundingBox())!;
    await page.mouse.move(box.x + box.width / 2, box.y + box.height / 2);
    await page.mouse.move(box.x + box.width / 2 + 3, box.y + box.height / 2 + 3);
    await expect.poll(() => page.getByTestId('tooltip').count()).toBe(1);
    expect(await page.getByTestId('tooltip').locator('tr').count()).toBe(3);
    await page.screenshot({ path: join(artifacts, 'synthetic-100k.png') });
    expect(problems).toEqual([]);
  });

  it('ends the E-step workers of a threaded fit abandoned midway for new data', async () => {
    const tol = page.getByLabel('tol');
    const maxIter = page.getByLabel('max iterations');
    const [tolBefore, maxIterBefore] = [await tol.inputValue(), await maxIter.inputValue()];
    const eStepWorkers = () => page.workers().filter((worker) => worker.url().startsWith('blob:')).length;
    // 200,000 rows with tol 0: a long fit, one thread per core (nested workers of the fit worker).
    await tol.fill('0');
    await maxIter.fill('100000');
    await page.getByLabel('points n').fill('200000');
    await page.getByRole('button', { name: 'Generate' }).click();
    const cores = await page.evaluate(() => navigator.hardwareConcurrency);
    const threads = Math.min(cores, Math.floor(200_000 / 8192));
    await expect.poll(() => page.getByTestId('threads').getAttribute('data-threads')).toBe(String(threads));
    await expect.poll(eStepWorkers).toBe(threads - 1);
    // New data while it runs: the abandoned fit's workers are terminated, not left idle.
    await page.getByLabel('points n').fill('2000');
    await page.getByRole('button', { name: 'Generate' }).click();
    await expect.poll(() => page.getByTestId('data-summary').textContent()).toContain('2,000 rows');
    await expect.poll(eStepWorkers).toBe(0);
    await tol.fill(tolBefore);
    await maxIter.fill(maxIterBefore);
    await waitForFinishedFit(3);
    expect(problems).toEqual([]);
  });

  it('shows one-column data as a histogram with the component densities', async () => {
    await page.getByLabel('dimensions').selectOption('1');
    await page.getByLabel('points n').fill('2000');
    await page.getByRole('button', { name: 'Generate' }).click();
    await waitForFinishedFit(3);
    await expect.poll(() => page.getByTestId('plot').getAttribute('data-curves')).toBe('3');
    expect(problems).toEqual([]);
  });

  it('is usable on a phone-sized screen', async () => {
    await page.getByRole('radio', { name: 'Old Faithful' }).check();
    await page.setViewportSize({ width: 390, height: 844 });
    await waitForFinishedFit();
    const plot = await page.getByTestId('plot').boundingBox();
    expect(plot!.width).toBeLessThanOrEqual(390);
    await page.screenshot({ path: join(artifacts, 'phone.png'), fullPage: true });
    expect(problems).toEqual([]);
  });
});

describe('the web demo served without COOP/COEP headers', () => {
  it('is not cross-origin isolated, fits on one thread and says why in the status line', async () => {
    const plain = await context.newPage();
    const plainProblems: string[] = [];
    plain.on('pageerror', (error) => plainProblems.push(`page error: ${error.message}`));
    plain.on('console', (message) => {
      if (message.type() === 'error') plainProblems.push(`console error: ${message.text()}`);
    });
    await plain.route('**/*', async (route) => {
      const response = await route.fetch();
      const headers = { ...response.headers() };
      delete headers['cross-origin-opener-policy'];
      delete headers['cross-origin-embedder-policy'];
      await route.fulfill({ response, headers });
    });
    await plain.goto(url);
    expect(await plain.evaluate(() => crossOriginIsolated)).toBe(false);
    // 20,000 rows would take two threads on two cores or more.
    await plain.getByRole('radio', { name: 'Synthetic' }).check();
    await plain.getByLabel('points n').fill('20000');
    await plain.getByRole('button', { name: 'Generate' }).click();
    await expect.poll(() => plain.getByTestId('data-summary').textContent()).toContain('20,000 rows');
    await expect.poll(() => plain.getByTestId('status').getAttribute('data-state'), { timeout: 15_000 }).toBe('finished');
    expect(await plain.getByTestId('threads').textContent()).toBe('1 thread: page not cross-origin isolated');
    await plain.close();
    expect(plainProblems).toEqual([]);
  });
});

describe('the benchmark page in chromium', () => {
  it('times a quick d8 fit on 1 and 2 threads in its worker: 2 threads agree with 1 to 1e-10, each bit for bit with Node', async () => {
    const benchPage = await context.newPage();
    const benchProblems: string[] = [];
    benchPage.on('pageerror', (error) => benchProblems.push(`page error: ${error.message}`));
    benchPage.on('console', (message) => {
      if (message.type() === 'error' || message.type() === 'warning') benchProblems.push(`console ${message.type()}: ${message.text()}`);
    });
    await benchPage.goto(`${url}bench.html?n=20000&types=full&threads=1,2`);
    expect(await benchPage.getByTestId('bench-summary').getAttribute('data-cross-origin-isolated')).toBe('true');
    const table = benchPage.getByTestId('bench-table');
    await expect.poll(() => table.getAttribute('data-state'), { timeout: 20_000 }).not.toBe('running');
    expect(await benchPage.getByTestId('bench-error').textContent()).toBe('');
    expect(await table.getAttribute('data-state')).toBe('done');
    const rows = await table.locator('tbody tr').evaluateAll((trs) =>
      trs.map((tr) => ({
        type: tr.dataset.type,
        threads: Number(tr.dataset.threads),
        msPerIter: Number(tr.dataset.msPerIter),
        lowerBound: Number(tr.dataset.lowerBound),
      })),
    );
    expect(rows.map((row) => [row.type, row.threads])).toEqual([['full', 1], ['full', 2]]);
    for (const row of rows) expect(Number.isFinite(row.msPerIter) && row.msPerIter > 0).toBe(true);
    const [one, two] = rows as [(typeof rows)[0], (typeof rows)[0]];
    // Ref: issue 6, across thread counts the trajectory agrees to a relative 1e-10.
    expect(Math.abs(two.lowerBound - one.lowerBound)).toBeLessThanOrEqual(1e-10 * Math.abs(one.lowerBound));
    // The page derives the case from bench/cases.js as Node does, so the same fit in Node ends on the same bits.
    const benchCase = CASES.find((c) => c.name === 'd8')!;
    const { X, start } = generateCase({ ...benchCase, n: 20_000 }, DATA_SEED);
    for (const row of rows) {
      const inNode = await fit(X, { ...fixedStartOptions(start, 'full'), threads: row.threads });
      expect(row.lowerBound, `${row.threads} threads`).toBe(inNode.lowerBound);
    }
    await benchPage.close();
    expect(benchProblems).toEqual([]);
  });
});
