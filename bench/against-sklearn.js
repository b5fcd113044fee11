// `pnpm bench --against sklearn`: scikit-learn's GaussianMixture (bench/sklearn_gmm.py, run by /usr/bin/python3)
// against gmm, same data files, same start, 20 iterations each, timed over the same window.
import { execFileSync, spawnSync } from 'node:child_process';
import os from 'node:os';
import { fileURLToPath } from 'node:url';
import { DATA_SEED, fixedStartOptions, ITERATIONS, TYPES } from './cases.js';
import { loadDataset } from './data.js';
import { relativeDifference, TIMING, timeFit } from './gmm-timing.js';
import { loadAverage, machine, writeSection } from './results.js';
import { caseLabel, formatTable } from './table.js';
import { coreSupportsThreads } from './threads.js';

/** Debian's Python, where `apt-get install python3-sklearn` puts scikit-learn (not whatever python3 is on PATH). */
const PYTHON = '/usr/bin/python3';
const SCRIPT = fileURLToPath(new URL('./sklearn_gmm.py', import.meta.url));
/** gmm and scikit-learn must reach the same score(X) after 20 iterations to this relative tolerance. */
const AGREEMENT = 1e-6;

/** False (after saying how to get it) when /usr/bin/python3 cannot import scikit-learn. */
export function sklearnAvailable() {
  const probe = spawnSync(PYTHON, ['-c', 'import sklearn'], { encoding: 'utf8' });
  if (probe.status === 0) return true;
  console.error(
    `--against sklearn: ${PYTHON} cannot import scikit-learn (${probe.error?.message ?? probe.stderr.trim().split('\n').at(-1)}).\n` +
      'Install it with:  apt-get install -y python3-sklearn   (then run pnpm bench --against sklearn again)',
  );
  return false;
}

function runSklearn(metaPath) {
  const stdout = execFileSync(PYTHON, [SCRIPT, metaPath, '--iterations', String(ITERATIONS), '--types', TYPES.join(',')], {
    encoding: 'utf8',
    stdio: ['ignore', 'pipe', 'inherit'],
    maxBuffer: 1 << 20,
  });
  return JSON.parse(stdout);
}

/** The gmm runs of one case and type: one thread always; all cores too when core has a `threads` option. */
function gmmConfigurations(threadsSupported) {
  const cores = os.availableParallelism();
  if (!threadsSupported) return [{ key: 'gmm1', label: '1 thread', extra: {} }];
  return [
    { key: 'gmm1', label: '1 thread', extra: { threads: 1 } },
    { key: 'gmmAll', label: `${cores} threads`, extra: { threads: cores } },
  ];
}

function tableOf(results, configurations) {
  const header = ['case', 'type', 'sklearn ms/iter'];
  for (const { label } of configurations) header.push(`gmm ${label} ms/iter`, `ratio (${label})`);
  header.push('agreement (max rel. diff)');
  const body = results.map((r) => {
    const row = [caseLabel(r), r.type, r.sklearn.msPerIter.toFixed(2)];
    for (const { key } of configurations) row.push(r[key].msPerIter.toFixed(2), `${r[key].ratio.toFixed(2)}x`);
    const worst = Math.max(...configurations.map(({ key }) => r[key].relativeDifference));
    row.push(`${r.agree ? 'ok' : 'FAIL'} ${worst.toExponential(1)}`);
    return row;
  });
  return formatTable(header, body);
}

export async function compareWithSklearn(cases, quick) {
  const configurations = gmmConfigurations(await coreSupportsThreads());
  if (configurations.length === 1) console.log('@gmm/core has no `threads` option yet: gmm runs on 1 thread only (no all-cores column)');
  const loadBefore = loadAverage();
  const results = [];
  let sklearnRuntime;
  for (const benchCase of cases) {
    const { X, start, metaPath } = loadDataset(benchCase, DATA_SEED);
    const sklearn = runSklearn(metaPath);
    sklearnRuntime = { version: sklearn.sklearn, threadpools: sklearn.threadpools };
    for (const type of TYPES) {
      const reference = sklearn.results.find((r) => r.type === type);
      const { name, n, d, k } = benchCase;
      const result = { case: name, n, d, k, type, sklearn: reference };
      for (const { key, extra } of configurations) {
        const gmm = await timeFit(X, { ...fixedStartOptions(start, type), ...extra });
        const difference = relativeDifference(gmm.score, reference.score);
        result[key] = { ...gmm, ratio: reference.msPerIter / gmm.msPerIter, relativeDifference: difference, agree: difference <= AGREEMENT };
      }
      result.agree = configurations.every(({ key }) => result[key].agree);
      results.push(result);
      const figures = configurations.map(({ key, label }) => `gmm ${label} ${result[key].msPerIter.toFixed(2)}`).join(', ');
      console.log(`${name} ${type}: sklearn ${reference.msPerIter.toFixed(2)}, ${figures} ms/iter`);
    }
  }

  const load = { before: loadBefore, after: loadAverage() };
  console.log(`\n${tableOf(results, configurations)}\n\nratio = sklearn ms/iter / gmm ms/iter; agreement: score(X) after ` +
    `${ITERATIONS} iterations, relative ${AGREEMENT}\nload average (1, 5, 15 min): ${load.before.join(' ')} before, ${load.after.join(' ')} after\n`);
  writeSection('sklearn', {
    machine: machine(), date: new Date().toISOString(), load, quick, iterations: ITERATIONS, dataSeed: DATA_SEED,
    timing: TIMING, sklearn: sklearnRuntime, gmmThreads: configurations.map(({ key, label }) => ({ key, label })),
    agreementTolerance: AGREEMENT, results,
  });

  const disagreements = results.filter((r) => !r.agree);
  for (const r of disagreements) {
    for (const { key, label } of configurations.filter(({ key }) => !r[key].agree)) {
      console.error(
        `GMM AND SKLEARN DISAGREE on ${r.case} ${r.type} (gmm ${label}): score after ${ITERATIONS} iterations gmm ` +
          `${r[key].score} vs sklearn ${r.sklearn.score} (relative difference ${r[key].relativeDifference.toExponential(2)} > ${AGREEMENT})`,
      );
    }
  }
  return disagreements.length === 0;
}
