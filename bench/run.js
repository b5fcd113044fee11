// `pnpm bench`: milliseconds per EM iteration with the WASM kernel and the pure-TypeScript reference kernel,
// measured in the same run from the same fixed start. See README.md.
import { mkdirSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import { performance } from 'node:perf_hooks';
import { fitSteps } from '@gmm/core';
import { syntheticMixture } from '@gmm/datasets';
import { referenceKernel } from '@gmm/kernel';

const TYPES = ['full', 'tied', 'diag', 'spherical'];
const CASES = [
  { name: 'd8', n: 100_000, d: 8, k: 8 },
  { name: 'd32', n: 100_000, d: 32, k: 16 },
  { name: 'd2', n: 1_000_000, d: 2, k: 5 },
];
const ITERATIONS = 20;
const DATA_SEED = 2024;
/** The two kernels must reach the same final lower bound to this relative tolerance. */
const AGREEMENT = 1e-9;
const TIMING =
  'fitSteps timestamps: (time after step 20 - time after step 1) / 19, i.e. iterations 2..20; ' +
  'the data copy into the kernel, the initialisation and the first iteration are excluded';

function parseArgs(argv) {
  const options = { quick: false, filter: undefined };
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    if (arg === '--quick') options.quick = true;
    else if (arg === '--case') options.filter = argv[++i];
    else if (arg.startsWith('--case=')) options.filter = arg.slice('--case='.length);
    else throw new Error(`unknown argument "${arg}": expected --quick and/or --case <${CASES.map((c) => c.name).join('|')}>`);
  }
  if (options.filter !== undefined && !CASES.some((c) => c.name === options.filter)) {
    throw new Error(`--case: expected one of ${CASES.map((c) => c.name).join(', ')}, received "${options.filter}"`);
  }
  return options;
}

function identityPrecisions(type, k, d) {
  const identity = () => Array.from({ length: d }, (_, r) => Array.from({ length: d }, (_, c) => (r === c ? 1 : 0)));
  switch (type) {
    case 'full':
      return Array.from({ length: k }, identity);
    case 'tied':
      return identity();
    case 'diag':
      return Array.from({ length: k }, () => new Array(d).fill(1));
    case 'spherical':
      return new Array(k).fill(1);
    default:
      throw new Error(`unknown covariance type ${type}`);
  }
}

/** Fixed start: k evenly spaced data rows as means, weights 1/k, identity precisions; exactly 20 iterations. */
function fixedStart(X, k, type) {
  const meansInit = Array.from({ length: k }, (_, j) => {
    const row = Math.floor((j * X.rows) / k);
    return Array.from(X.data.subarray(row * X.cols, (row + 1) * X.cols));
  });
  return {
    nComponents: k,
    covarianceType: type,
    meansInit,
    weightsInit: new Array(k).fill(1 / k),
    precisionsInit: identityPrecisions(type, k, X.cols),
    tol: 0,
    maxIter: ITERATIONS,
  };
}

async function timeFit(X, options) {
  const stamps = [];
  const steps = fitSteps(X, options);
  for (;;) {
    const { value, done } = await steps.next();
    if (done) {
      if (stamps.length !== ITERATIONS) throw new Error(`expected ${ITERATIONS} steps, got ${stamps.length}`);
      return { msPerIter: (stamps[ITERATIONS - 1] - stamps[0]) / (ITERATIONS - 1), lowerBound: value.lowerBound };
    }
    stamps.push(performance.now());
  }
}

function formatTable(rows) {
  const header = ['case', 'type', 'wasm ms/iter', 'reference ms/iter', 'ratio'];
  const body = rows.map((r) => [
    `n=${r.n.toLocaleString('en-US')} d=${r.d} k=${r.k}`,
    r.type,
    r.wasmMsPerIter.toFixed(2),
    r.referenceMsPerIter.toFixed(2),
    `${r.ratio.toFixed(2)}x`,
  ]);
  const widths = header.map((h, c) => Math.max(h.length, ...body.map((row) => row[c].length)));
  const line = (cells) => cells.map((cell, c) => (c < 2 ? cell.padEnd(widths[c]) : cell.padStart(widths[c]))).join('  ');
  return [line(header), widths.map((w) => '-'.repeat(w)).join('  '), ...body.map(line)].join('\n');
}

async function main() {
  const { quick, filter } = parseArgs(process.argv.slice(2));
  const cases = CASES.filter((c) => filter === undefined || c.name === filter).map((c) => (quick ? { ...c, n: c.n / 10 } : c));
  console.log(`gmm bench: ${ITERATIONS} EM iterations from a fixed start${quick ? ' (--quick: n / 10)' : ''}`);
  console.log(`timing: ${TIMING}\n`);

  const results = [];
  for (const { name, n, d, k } of cases) {
    const X = syntheticMixture({ k, d, n, seed: DATA_SEED });
    for (const type of TYPES) {
      const start = fixedStart(X, k, type);
      const wasm = await timeFit(X, start);
      const reference = await timeFit(X, { ...start, kernel: referenceKernel });
      const relativeDifference = Math.abs(wasm.lowerBound - reference.lowerBound) / Math.abs(reference.lowerBound);
      const result = {
        case: name,
        n,
        d,
        k,
        type,
        wasmMsPerIter: wasm.msPerIter,
        referenceMsPerIter: reference.msPerIter,
        ratio: reference.msPerIter / wasm.msPerIter,
        wasmLowerBound: wasm.lowerBound,
        referenceLowerBound: reference.lowerBound,
        relativeDifference,
        agree: relativeDifference <= AGREEMENT,
      };
      results.push(result);
      console.log(`${name} ${type}: wasm ${result.wasmMsPerIter.toFixed(2)} ms/iter, reference ${result.referenceMsPerIter.toFixed(2)} ms/iter`);
    }
  }

  console.log(`\n${formatTable(results)}\n`);
  const cpus = os.cpus();
  const report = {
    machine: { cpu: cpus[0]?.model ?? 'unknown', cores: cpus.length, node: process.version, os: `${os.platform()} ${os.release()}` },
    date: new Date().toISOString(),
    quick,
    iterations: ITERATIONS,
    dataSeed: DATA_SEED,
    timing: TIMING,
    agreementTolerance: AGREEMENT,
    results,
  };
  const outDir = new URL('./results/', import.meta.url);
  mkdirSync(outDir, { recursive: true });
  writeFileSync(new URL('latest.json', outDir), `${JSON.stringify(report, null, 2)}\n`);
  console.log('wrote bench/results/latest.json');

  const disagreements = results.filter((r) => !r.agree);
  if (disagreements.length > 0) {
    for (const r of disagreements) {
      console.error(
        `KERNELS DISAGREE on ${r.case} ${r.type}: final lower bound wasm ${r.wasmLowerBound} vs reference ` +
          `${r.referenceLowerBound} (relative difference ${r.relativeDifference.toExponential(2)} > ${AGREEMENT})`,
      );
    }
    process.exit(1);
  }
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
