// `pnpm bench` (WASM kernel vs the TypeScript reference kernel) and `pnpm bench --against sklearn`
// (gmm vs scikit-learn): milliseconds per EM iteration from the same fixed start. See README.md.
import { compareWithReference } from './against-reference.js';
import { compareWithSklearn, sklearnAvailable } from './against-sklearn.js';
import { CASES, DATA_SEED, ITERATIONS, selectCases } from './cases.js';
import { TIMING } from './gmm-timing.js';

const AGAINST = ['reference', 'sklearn'];

/** A bad command line: reported as one line, without a stack. */
class UsageError extends Error {}

function parseArgs(argv) {
  const options = { quick: false, filter: undefined, against: 'reference' };
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
    else {
      throw new UsageError(
        `unknown argument "${arg}": expected --quick, --case <${CASES.map((c) => c.name).join('|')}>, --against <${AGAINST.join('|')}>`,
      );
    }
  }
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
  if (options.against === 'sklearn' && !sklearnAvailable()) process.exit(2);
  const cases = selectCases(options);
  console.log(
    `gmm bench against ${options.against}: ${ITERATIONS} EM iterations from a fixed start, data seed ${DATA_SEED}` +
      `${options.quick ? ' (--quick: n / 10)' : ''}`,
  );
  console.log(`timing: ${TIMING}\n`);
  const compare = options.against === 'sklearn' ? compareWithSklearn : compareWithReference;
  if (!(await compare(cases, options.quick))) process.exit(1);
}

main().catch((error) => {
  console.error(error instanceof UsageError ? error.message : error);
  process.exit(1);
});
