// `pnpm bench` (WASM kernel vs the TypeScript reference kernel), `pnpm bench --against sklearn` (gmm vs
// scikit-learn) and `pnpm bench --browser` (Chromium vs Node): milliseconds per EM iteration from the same fixed
// start. See README.md.
import { BROWSER_CASE, compareWithBrowser } from './against-browser.js';
import { compareWithReference } from './against-reference.js';
import { compareWithSklearn, sklearnAvailable } from './against-sklearn.js';
import { CASES, DATA_SEED, ITERATIONS, selectCases } from './cases.js';
import { TIMING } from './gmm-timing.js';

const AGAINST = ['reference', 'sklearn'];

/** A bad command line: reported as one line, without a stack. */
class UsageError extends Error {}

/** --repeat: a whole number of runs from 1 to 10. */
function repeatCount(text) {
  const count = Number(text);
  if (!Number.isInteger(count) || count < 1 || count > 10) throw new UsageError(`--repeat: expected a whole number from 1 to 10, received "${text}"`);
  return count;
}

function parseArgs(argv) {
  const options = { quick: false, filter: undefined, against: undefined, browser: false, repeat: 1 };
  const value = (i, flag) => {
    if (argv[i] === undefined) throw new UsageError(`${flag}: expected a value after it`);
    return argv[i];
  };
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    if (arg === '--quick') options.quick = true;
    else if (arg === '--case') options.filter = value(++i, '--case');
    else if (arg.startsWith('--case=')) options.filter = arg.slice('--case='.length);
    else if (arg === '--against') options.against = value(++i, '--against');
    else if (arg.startsWith('--against=')) options.against = arg.slice('--against='.length);
    else if (arg === '--browser') options.browser = true;
    else if (arg === '--repeat') options.repeat = repeatCount(value(++i, '--repeat'));
    else if (arg.startsWith('--repeat=')) options.repeat = repeatCount(arg.slice('--repeat='.length));
    else {
      throw new UsageError(
        `unknown argument "${arg}": expected --quick, --case <${CASES.map((c) => c.name).join('|')}>, --against <${AGAINST.join('|')}>, --repeat <n>, --browser`,
      );
    }
  }
  if (options.browser) {
    if (options.against !== undefined) throw new UsageError('--browser compares Chromium with Node: it takes no --against');
    if (options.filter !== undefined && options.filter !== BROWSER_CASE) {
      throw new UsageError(`--case: --browser runs only ${BROWSER_CASE}, received "${options.filter}"`);
    }
  }
  if (options.repeat > 1 && options.against !== 'sklearn') throw new UsageError('--repeat goes with --against sklearn');
  options.against ??= 'reference';
  if (options.filter !== undefined && !CASES.some((c) => c.name === options.filter)) {
    throw new UsageError(`--case: expected one of ${CASES.map((c) => c.name).join(', ')}, received "${options.filter}"`);
  }
  if (!AGAINST.includes(options.against)) {
    throw new UsageError(`--against: expected one of ${AGAINST.join(', ')}, received "${options.against}"`);
  }
  return options;
}

async function main() {
  const options = parseArgs(process.argv.slice(2));
  if (options.browser) {
    const [benchCase] = selectCases({ quick: options.quick, filter: BROWSER_CASE });
    console.log(
      `gmm bench --browser: ${ITERATIONS} EM iterations from a fixed start, data seed ${DATA_SEED}, in Chromium and in Node` +
        `${options.quick ? ' (--quick: n / 10)' : ''}`,
    );
    console.log(`timing: ${TIMING}\n`);
    if (!(await compareWithBrowser(benchCase, options.quick))) process.exit(1);
    return;
  }
  if (options.against === 'sklearn' && !sklearnAvailable()) process.exit(2);
  const cases = selectCases(options);
  console.log(
    `gmm bench against ${options.against}: ${ITERATIONS} EM iterations from a fixed start, data seed ${DATA_SEED}` +
      `${options.quick ? ' (--quick: n / 10)' : ''}`,
  );
  console.log(`timing: ${TIMING}\n`);
  const agree = options.against === 'sklearn'
    ? await compareWithSklearn(cases, options.quick, options.repeat)
    : await compareWithReference(cases, options.quick);
  if (!agree) process.exit(1);
}

main().catch((error) => {
  console.error(error instanceof UsageError ? error.message : error);
  process.exit(1);
});
