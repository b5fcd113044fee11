// `pnpm bench`: the WASM kernel against the pure-TypeScript reference kernel, same data, same start.
import { referenceKernel } from '@gmm/kernel';
import { DATA_SEED, fixedStartOptions, ITERATIONS, TYPES } from './cases.js';
import { loadDataset } from './data.js';
import { relativeDifference, TIMING, timeFit } from './gmm-timing.js';
import { loadAverage, machine, writeSection } from './results.js';
import { caseLabel, formatTable } from './table.js';

/** The two kernels must reach the same final lower bound to this relative tolerance. */
const AGREEMENT = 1e-9;

export async function compareWithReference(cases, quick) {
  const loadBefore = loadAverage();
  const results = [];
  for (const benchCase of cases) {
    const { X, start } = loadDataset(benchCase, DATA_SEED);
    for (const type of TYPES) {
      const options = fixedStartOptions(start, type);
      const wasm = await timeFit(X, options);
      const reference = await timeFit(X, { ...options, kernel: referenceKernel });
      const difference = relativeDifference(wasm.lowerBound, reference.lowerBound);
      const { name, n, d, k } = benchCase;
      results.push({
        case: name, n, d, k, type,
        wasmMsPerIter: wasm.msPerIter,
        referenceMsPerIter: reference.msPerIter,
        ratio: reference.msPerIter / wasm.msPerIter,
        wasmLowerBound: wasm.lowerBound,
        referenceLowerBound: reference.lowerBound,
        relativeDifference: difference,
        agree: difference <= AGREEMENT,
      });
      console.log(`${name} ${type}: wasm ${wasm.msPerIter.toFixed(2)} ms/iter, reference ${reference.msPerIter.toFixed(2)} ms/iter`);
    }
  }

  const header = ['case', 'type', 'wasm ms/iter', 'reference ms/iter', 'ratio'];
  const body = results.map((r) => [caseLabel(r), r.type, r.wasmMsPerIter.toFixed(2), r.referenceMsPerIter.toFixed(2), `${r.ratio.toFixed(2)}x`]);
  const load = { before: loadBefore, after: loadAverage() };
  console.log(`\n${formatTable(header, body)}\n\nload average (1, 5, 15 min): ${load.before.join(' ')} before, ${load.after.join(' ')} after\n`);
  writeSection('wasmVsReference', {
    machine: machine(), date: new Date().toISOString(), load, quick, iterations: ITERATIONS, dataSeed: DATA_SEED,
    timing: TIMING, agreementTolerance: AGREEMENT, results,
  });

  const disagreements = results.filter((r) => !r.agree);
  for (const r of disagreements) {
    console.error(
      `KERNELS DISAGREE on ${r.case} ${r.type}: final lower bound wasm ${r.wasmLowerBound} vs reference ` +
        `${r.referenceLowerBound} (relative difference ${r.relativeDifference.toExponential(2)} > ${AGREEMENT})`,
    );
  }
  return disagreements.length === 0;
}
