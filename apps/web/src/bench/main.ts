/**
 * The benchmark page (bench.html, not linked from the demo): runs the worker and fills a table whose rows carry
 * the figures as data-* attributes (full precision) for `pnpm bench --browser` and the browser test to read.
 */
import type { BenchReport } from './messages.js';
import { requestFrom } from './request.js';

function element(testId: string): HTMLElement {
  const el = document.querySelector<HTMLElement>(`[data-testid="${testId}"]`);
  if (!el) throw new Error(`bench.html has no [data-testid="${testId}"] element`);
  return el;
}

const table = element('bench-table');
const body = table.querySelector('tbody')!;

function fail(message: string): void {
  table.dataset.state = 'failed';
  element('bench-error').textContent = message;
}

function addRow({ covarianceType, threads, msPerIter, lowerBound, score }: Extract<BenchReport, { type: 'result' }>): void {
  const row = body.insertRow();
  Object.assign(row.dataset, {
    type: covarianceType,
    threads: String(threads),
    msPerIter: String(msPerIter),
    lowerBound: String(lowerBound),
    score: String(score),
  });
  for (const text of [covarianceType, String(threads), msPerIter.toFixed(2), String(lowerBound)]) row.insertCell().textContent = text;
}

try {
  const request = requestFrom(location.search);
  const summary = element('bench-summary');
  summary.textContent =
    `case ${request.caseName} at n = ${request.n.toLocaleString('en-US')}, ${request.threads.join(' and ')} threads; ` +
    `${navigator.hardwareConcurrency} logical cores; crossOriginIsolated: ${String(crossOriginIsolated)}`;
  Object.assign(summary.dataset, {
    n: String(request.n),
    crossOriginIsolated: String(crossOriginIsolated),
    cores: String(navigator.hardwareConcurrency),
    userAgent: navigator.userAgent,
  });
  const worker = new Worker(new URL('./bench.worker.ts', import.meta.url), { type: 'module' });
  worker.onmessage = ({ data: report }: MessageEvent<BenchReport>) => {
    if (report.type === 'result') addRow(report);
    else if (report.type === 'done') table.dataset.state = 'done';
    else fail(report.message);
    if (report.type !== 'result') worker.terminate();
  };
  worker.onerror = (event) => {
    fail(`the benchmark worker failed: ${event.message}`);
    worker.terminate();
  };
  worker.postMessage(request);
} catch (error) {
  fail(error instanceof Error ? error.message : String(error));
}
