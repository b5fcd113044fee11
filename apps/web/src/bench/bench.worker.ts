/// <reference lib="webworker" />
/**
 * The benchmark worker: generates a bench case's data and fixed start exactly as bench/ does in Node (the same
 * modules), then times one fit per covariance type and thread count with bench's timing rule, posting each result
 * as it lands. Threads are Web Workers started by the kernel from this worker, on its shared memory.
 */
import { CASES, DATA_SEED, fixedStartOptions, generateCase } from '../../../../bench/cases.js';
import { timeFit } from '../../../../bench/gmm-timing.js';
import type { BenchReport, BenchRequest } from './messages.js';

const scope = self as unknown as DedicatedWorkerGlobalScope;
const post = (report: BenchReport) => scope.postMessage(report);

async function run({ caseName, n, types, threads }: BenchRequest): Promise<void> {
  const benchCase = CASES.find((c) => c.name === caseName);
  if (!benchCase) throw new Error(`case: expected one of ${CASES.map((c) => c.name).join(', ')}, received "${caseName}"`);
  const { X, start } = generateCase({ ...benchCase, n }, DATA_SEED);
  for (const type of types) {
    for (const count of threads) {
      const { msPerIter, lowerBound, score } = await timeFit(X, { ...fixedStartOptions(start, type), threads: count });
      post({ type: 'result', covarianceType: type, threads: count, msPerIter, lowerBound, score });
    }
  }
  post({ type: 'done' });
}

scope.onmessage = (event: MessageEvent<BenchRequest>) => {
  run(event.data).catch((error: unknown) => post({ type: 'failed', message: error instanceof Error ? error.message : String(error) }));
};
