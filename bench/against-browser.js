// `pnpm bench --browser`: the d8 case in Chromium (apps/web's benchmark page, in a Web Worker) next to the same
// case in Node, same data, same start, same timing rule. The browser must end on the very same lower bound.
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
// apps/web owns the browser tooling (vite, playwright-core) and the launch flags its own browser tests use.
import { launchChromium, startPreview } from '../apps/web/test/support/browser.js';
import { DATA_SEED, fixedStartOptions, ITERATIONS, TYPES } from './cases.js';
import { loadDataset } from './data.js';
import { relativeDifference, TIMING, timeFit } from './gmm-timing.js';
import { loadAverage, machine, writeSection } from './results.js';
import { caseLabel, formatTable } from './table.js';

/** The case the browser page benchmarks (issue 6: "the d=8 full case in Chromium", here with all four types). */
export const BROWSER_CASE = 'd8';
const WEB_ROOT = fileURLToPath(new URL('../apps/web/', import.meta.url));
/** Four fits of 100,000 rows take well under a minute; this only stops a hung page. */
const PAGE_TIMEOUT_MS = 10 * 60_000;

/** The page's table, read from its data-* attributes (full precision), plus what the page says of the browser. */
async function timeInBrowser(n) {
  if (!existsSync(join(WEB_ROOT, 'dist', 'bench.html'))) {
    throw new Error('apps/web/dist/bench.html is missing: run `pnpm build` (pnpm bench runs it through turbo)');
  }
  const { server, url } = await startPreview(WEB_ROOT);
  const profile = mkdtempSync(join(tmpdir(), 'gmm-bench-browser-'));
  try {
    const context = await launchChromium(profile);
    try {
      const page = context.pages()[0] ?? (await context.newPage());
      await page.goto(`${url}bench.html?n=${n}`);
      const table = page.locator('[data-testid="bench-table"]');
      await page.waitForFunction(
        () => document.querySelector('[data-testid="bench-table"]')?.getAttribute('data-state') !== 'running',
        null,
        { timeout: PAGE_TIMEOUT_MS },
      );
      if ((await table.getAttribute('data-state')) !== 'done') {
        throw new Error(`the benchmark page failed: ${await page.locator('[data-testid="bench-error"]').textContent()}`);
      }
      const rows = await table.locator('tbody tr').evaluateAll((trs) =>
        trs.map((tr) => ({
          type: tr.dataset.type,
          msPerIter: Number(tr.dataset.msPerIter),
          lowerBound: Number(tr.dataset.lowerBound),
          score: Number(tr.dataset.score),
        })),
      );
      const summary = page.locator('[data-testid="bench-summary"]');
      const browser = {
        userAgent: await summary.getAttribute('data-user-agent'),
        crossOriginIsolated: (await summary.getAttribute('data-cross-origin-isolated')) === 'true',
      };
      return { rows, browser };
    } finally {
      await context.close();
    }
  } finally {
    await server.close();
    rmSync(profile, { recursive: true, force: true });
  }
}

export async function compareWithBrowser(benchCase, quick) {
  const loadBefore = loadAverage();
  const { rows, browser } = await timeInBrowser(benchCase.n);
  console.log(`chromium: ${browser.userAgent} (crossOriginIsolated: ${browser.crossOriginIsolated})`);
  const { X, start } = loadDataset(benchCase, DATA_SEED);
  const results = [];
  for (const type of TYPES) {
    const inBrowser = rows.find((row) => row.type === type);
    if (!inBrowser) throw new Error(`the benchmark page reported no "${type}" row`);
    const node = await timeFit(X, fixedStartOptions(start, type));
    const { name, n, d, k } = benchCase;
    results.push({
      case: name, n, d, k, type,
      browserMsPerIter: inBrowser.msPerIter,
      nodeMsPerIter: node.msPerIter,
      ratio: inBrowser.msPerIter / node.msPerIter,
      browserLowerBound: inBrowser.lowerBound,
      nodeLowerBound: node.lowerBound,
      relativeDifference: relativeDifference(inBrowser.lowerBound, node.lowerBound),
      identical: Object.is(inBrowser.lowerBound, node.lowerBound),
    });
    console.log(`${name} ${type}: chromium ${inBrowser.msPerIter.toFixed(2)} ms/iter, node ${node.msPerIter.toFixed(2)} ms/iter`);
  }

  const header = ['case', 'type', 'chromium ms/iter', 'node ms/iter', 'chromium / node', 'lower bound'];
  const body = results.map((r) => [
    caseLabel(r), r.type, r.browserMsPerIter.toFixed(2), r.nodeMsPerIter.toFixed(2), `${r.ratio.toFixed(2)}x`,
    r.identical ? 'identical' : `FAIL (${r.relativeDifference.toExponential(2)})`,
  ]);
  const load = { before: loadBefore, after: loadAverage() };
  console.log(`\n${formatTable(header, body)}\n\nload average (1, 5, 15 min): ${load.before.join(' ')} before, ${load.after.join(' ')} after\n`);
  writeSection('browser', {
    machine: machine(), browser, date: new Date().toISOString(), load, quick, iterations: ITERATIONS, dataSeed: DATA_SEED,
    timing: `${TIMING}; in the browser the same rule runs in a Web Worker of apps/web/bench.html`,
    agreement: 'bit-identical final lower bound', results,
  });

  const disagreements = results.filter((r) => !r.identical);
  for (const r of disagreements) {
    console.error(
      `BROWSER AND NODE DISAGREE on ${r.case} ${r.type}: final lower bound chromium ${r.browserLowerBound} vs node ` +
        `${r.nodeLowerBound} (relative difference ${r.relativeDifference.toExponential(2)}; bit-identical expected)`,
    );
  }
  return disagreements.length === 0;
}
