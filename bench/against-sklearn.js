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

/** Debian's Python, where `apt-get install python3-sklearn` puts scikit-learn (not whatever python3 is on PATH). */
const PYTHON = '/usr/bin/python3';
const SCRIPT = fileURLToPath(new URL('./sklearn_gmm.py', import.meta.url));
/** gmm and scikit-learn must reach the same score(X) after 20 iterations to this relative tolerance. */
const AGREEMENT = 1e-6;
/** A float32 fit's lower bound after 20 iterations must be within this of the float64 fit's (issue 6). */
const FLOAT32_AGREEMENT = 1e-5;

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

/**
 * The gmm runs of one case and type: float64 and float32, on one thread and on all cores. A float64 run is checked
 * against scikit-learn's score(X); a float32 run against the lower bound of the float64 run with the same threads
 * (`against`).
 */
function gmmConfigurations() {
  const cores = os.availableParallelism();
  const float32 = { dtype: 'float32' };
  return [
    { key: 'gmm1', label: '1 thread', extra: { threads: 1 } },
    { key: 'gmmAll', label: `${cores} threads`, extra: { threads: cores } },
    { key: 'gmm32x1', label: 'f32 1 thread', extra: { threads: 1, ...float32 }, against: 'gmm1' },
    { key: 'gmm32All', label: `f32 ${cores} threads`, extra: { threads: cores, ...float32 }, against: 'gmmAll' },
  ];
}

/** Agreement of one gmm run: float64 with scikit-learn's score(X), float32 with the float64 run's lower bound. */
function agreement(gmm, configuration, result) {
  if (configuration.against === undefined) {
    const difference = relativeDifference(gmm.score, result.sklearn.score);
    return { relativeDifference: difference, agree: difference <= AGREEMENT };
  }
  const difference = relativeDifference(gmm.lowerBound, result[configuration.against].lowerBound);
  return { relativeDifference: difference, agree: difference <= FLOAT32_AGREEMENT };
}

function tableOf(results, configurations) {
  const header = ['case', 'type', 'sklearn ms/iter'];
  for (const { label } of configurations) header.push(`gmm ${label} ms/iter`, `ratio (${label})`);
  header.push('agreement vs sklearn', 'float32 vs float64');
  const worst = (r, keys) => Math.max(...keys.map((key) => r[key].relativeDifference));
  const float64Keys = configurations.filter((c) => c.against === undefined).map((c) => c.key);
  const float32Keys = configurations.filter((c) => c.against !== undefined).map((c) => c.key);
  const verdict = (r, keys) => `${keys.every((key) => r[key].agree) ? 'ok' : 'FAIL'} ${worst(r, keys).toExponential(1)}`;
  const body = results.map((r) => {
    const row = [caseLabel(r), r.type, r.sklearn.msPerIter.toFixed(2)];
    for (const { key } of configurations) row.push(r[key].msPerIter.toFixed(2), `${r[key].ratio.toFixed(2)}x`);
    row.push(verdict(r, float64Keys), verdict(r, float32Keys));
    return row;
  });
  return formatTable(header, body);
}

/** The fastest of some runs (by msPerIter): other jobs on a shared machine only ever add time. */
function fastest(runs) {
  return runs.reduce((a, b) => (b.msPerIter < a.msPerIter ? b : a));
}

/**
 * `repeat` rounds over one case: in each, scikit-learn's run of every type, then one gmm run of every type and
 * configuration. Rounds rather than back-to-back repeats: a stretch of seconds when another tenant takes a core
 * slows the runs of a round or two, not every run of one configuration. Returns the runs: sklearn[round] (the
 * script's output) and gmm[type][configuration key][round].
 */
async function runRounds(repeat, metaPath, X, start, configurations) {
  const sklearn = [];
  const gmm = Object.fromEntries(TYPES.map((type) => [type, Object.fromEntries(configurations.map(({ key }) => [key, []]))]));
  for (let round = 0; round < repeat; round++) {
    sklearn.push(runSklearn(metaPath));
    for (const type of TYPES) {
      for (const configuration of configurations) {
        gmm[type][configuration.key].push(await timeFit(X, { ...fixedStartOptions(start, type), ...configuration.extra }));
      }
    }
  }
  return { sklearn, gmm };
}

/** `repeat`: every timing is the fastest of that many runs (scikit-learn and gmm alike). */
export async function compareWithSklearn(cases, quick, repeat = 1) {
  const configurations = gmmConfigurations();
  const loadBefore = loadAverage();
  const results = [];
  let sklearnRuntime;
  for (const benchCase of cases) {
    const { X, start, metaPath } = loadDataset(benchCase, DATA_SEED);
    const runs = await runRounds(repeat, metaPath, X, start, configurations);
    sklearnRuntime = { version: runs.sklearn[0].sklearn, threadpools: runs.sklearn[0].threadpools };
    for (const type of TYPES) {
      const reference = fastest(runs.sklearn.map((run) => run.results.find((r) => r.type === type)));
      const { name, n, d, k } = benchCase;
      const result = { case: name, n, d, k, type, sklearn: reference };
      for (const configuration of configurations) {
        const gmm = fastest(runs.gmm[type][configuration.key]);
        result[configuration.key] = { ...gmm, ratio: reference.msPerIter / gmm.msPerIter, ...agreement(gmm, configuration, result) };
      }
      result.agree = configurations.every(({ key }) => result[key].agree);
      results.push(result);
      const figures = configurations.map(({ key, label }) => `gmm ${label} ${result[key].msPerIter.toFixed(2)}`).join(', ');
      console.log(`${name} ${type}: sklearn ${reference.msPerIter.toFixed(2)}, ${figures} ms/iter`);
    }
  }

  const load = { before: loadBefore, after: loadAverage() };
  console.log(`\n${tableOf(results, configurations)}\n\nratio = sklearn ms/iter / gmm ms/iter; agreement vs sklearn: score(X) after ` +
    `${ITERATIONS} iterations, relative ${AGREEMENT}; float32 vs float64: the lower bound after ${ITERATIONS} iterations, ` +
    `relative ${FLOAT32_AGREEMENT}${repeat > 1 ? `; every ms/iter the fastest of ${repeat} runs` : ''}\nload average (1, 5, 15 min): ${load.before.join(' ')} before, ${load.after.join(' ')} after\n`);
  writeSection('sklearn', {
    machine: machine(), date: new Date().toISOString(), load, quick, repeat, iterations: ITERATIONS, dataSeed: DATA_SEED,
    timing: TIMING, sklearn: sklearnRuntime, gmmThreads: configurations.map(({ key, label }) => ({ key, label })),
    agreementTolerance: AGREEMENT, float32AgreementTolerance: FLOAT32_AGREEMENT, results,
  });

  const disagreements = results.filter((r) => !r.agree);
  for (const r of disagreements) {
    for (const { key, label, against } of configurations.filter(({ key }) => !r[key].agree)) {
      const difference = r[key].relativeDifference.toExponential(2);
      console.error(
        against === undefined
          ? `GMM AND SKLEARN DISAGREE on ${r.case} ${r.type} (gmm ${label}): score after ${ITERATIONS} iterations gmm ` +
              `${r[key].score} vs sklearn ${r.sklearn.score} (relative difference ${difference} > ${AGREEMENT})`
          : `FLOAT32 AND FLOAT64 DISAGREE on ${r.case} ${r.type} (gmm ${label}): lower bound after ${ITERATIONS} iterations ` +
              `${r[key].lowerBound} vs ${r[against].lowerBound} (relative difference ${difference} > ${FLOAT32_AGREEMENT})`,
      );
    }
  }
  return disagreements.length === 0;
}
