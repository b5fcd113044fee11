/** Every bad input the issue lists: the exit code, and a one-line message that names the problem. */
import { readdirSync, writeFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { gmm } from './helpers.js';
import { tempDir, TWO_GROUPS, type TempDir } from './fixtures.js';

let tmp: TempDir;
let model: string;

beforeAll(async () => {
  tmp = tempDir();
  tmp.file('good.csv', TWO_GROUPS);
  model = tmp.path('model.json');
  const { code } = await gmm(['fit', tmp.path('good.csv'), '-k', '2', '-o', model]);
  expect(code).toBe(0);
});

afterAll(() => tmp.remove());

interface BadInput {
  name: string;
  /** Arguments; `@name` is a file of the temporary directory written from `files`. */
  args: string[];
  files?: Record<string, string>;
  code: 1 | 2;
  message: RegExp;
}

const CASES: BadInput[] = [
  { name: 'missing file', args: ['fit', '@nope.csv'], code: 1, message: /cannot read '.*nope\.csv': no such file or directory/ },
  { name: 'empty file', args: ['fit', '@empty.csv'], files: { 'empty.csv': '' }, code: 1, message: /empty\.csv: no data rows \(the input is empty\)/ },
  { name: 'header only', args: ['fit', '@header.csv'], files: { 'header.csv': 'x,y\n' }, code: 1, message: /header\.csv: no data rows \(only a header\)/ },
  {
    name: 'non-numeric cell',
    args: ['fit', '@cell.csv'],
    files: { 'cell.csv': 'x,waiting\n1,2\n3,abc\n' },
    code: 1,
    message: /cell\.csv: row 3, column "waiting": "abc" is not a number/,
  },
  { name: 'ragged rows', args: ['fit', '@ragged.csv'], files: { 'ragged.csv': 'x,y\n1,2\n3\n' }, code: 1, message: /ragged\.csv: row 3 has 1 fields, expected 2/ },
  { name: 'NaN cell', args: ['fit', '@nan.csv'], files: { 'nan.csv': 'x,y\n1,2\nNaN,4\n' }, code: 1, message: /row 3, column "x": "NaN" is not a finite number/ },
  { name: 'Infinity cell', args: ['fit', '@inf.csv'], files: { 'inf.csv': 'x,y\n1,-Infinity\n' }, code: 1, message: /row 2, column "y": "-Infinity" is not a finite number/ },
  { name: 'k larger than the rows', args: ['fit', '@good.csv', '-k', '9'], code: 1, message: /-k\/--components: .*between 1 and the number of samples \(8\), received 9/ },
  { name: 'k = 0', args: ['fit', '@good.csv', '-k', '0'], code: 2, message: /'-k, --components <k>' argument '0' is invalid\. expected an integer >= 1/ },
  { name: 'unknown covariance type', args: ['fit', '@good.csv', '--covariance', 'round'], code: 2, message: /argument 'round' is invalid\. Allowed choices are full, tied, diag, spherical/ },
  { name: 'negative --tol', args: ['fit', '@good.csv', '--tol', '-1'], code: 2, message: /'--tol <tol>' argument '-1' is invalid\. expected a finite number >= 0/ },
  { name: 'unknown option', args: ['fit', '@good.csv', '--colour'], code: 2, message: /unknown option '--colour'/ },
  { name: 'unknown command', args: ['fitt'], code: 2, message: /unknown command 'fitt' \(Did you mean fit\?\)/ },
  { name: 'a file and --dataset', args: ['fit', '@good.csv', '--dataset', 'iris'], code: 2, message: /give either a data file or --dataset, not both/ },
  { name: 'no data at all', args: ['fit'], code: 2, message: /missing data: give a CSV file, '-' for stdin, or --dataset/ },
  { name: 'bad --components range', args: ['select', '@good.csv', '--components', '3..1'], code: 2, message: /"3\.\.1" is not one/ },
  { name: 'model file that is not JSON', args: ['predict', '@bad.json', '@good.csv'], files: { 'bad.json': '{ not json' }, code: 1, message: /bad\.json: Invalid gmm model: not JSON/ },
  {
    name: 'model JSON of the wrong version',
    args: ['info', '@v2.json'],
    files: { 'v2.json': JSON.stringify({ format: 'gmm-model', version: 2 }) },
    code: 1,
    message: /v2\.json: Invalid gmm model: version must be 1 .*received 2/,
  },
  { name: 'missing model file', args: ['info', '@none.json'], code: 1, message: /cannot read '.*none\.json': no such file or directory/ },
  {
    name: 'predicting with the wrong number of columns (header)',
    args: ['predict', '@model.json', '@three.csv'],
    files: { 'three.csv': 'a,b,c\n1,2,3\n' },
    code: 1,
    message: /three\.csv: there is no column "x" \(the columns are a, b, c\)/,
  },
  {
    name: 'predicting with the wrong number of columns (no header)',
    args: ['score', '@model.json', '@three-nh.csv'],
    files: { 'three-nh.csv': '1,2,3\n4,5,6\n' },
    code: 1,
    message: /three-nh\.csv has 3 columns and no header, the model expects 2 \(x, y\)/,
  },
  {
    name: '--means-init of the wrong shape',
    args: ['fit', '@good.csv', '-k', '2', '--means-init', '@means.csv'],
    files: { 'means.csv': '0,0,0\n5,5,5\n' },
    code: 1,
    message: /--means-init: meansInit must be .*2 × 2|--means-init: .*shape/,
  },
  {
    name: '--weights-init not summing to 1',
    args: ['fit', '@good.csv', '-k', '2', '--weights-init', '@weights.csv'],
    files: { 'weights.csv': '0.5\n0.6\n' },
    code: 1,
    message: /--weights-init: .*summing to 1/,
  },
  { name: 'an output path in a missing directory', args: ['fit', '@good.csv', '-o', '@missing/model.json'], code: 1, message: /cannot write '.*missing\/model\.json': no such file or directory/ },
  { name: 'an output path that is a directory', args: ['sample', '@model.json', '-n', '3', '-o', '@'], code: 1, message: /cannot write '.*': is a directory/ },
  { name: 'all-identical rows without regularisation, --on-degenerate error', args: ['fit', '@same.csv', '-k', '2', '--reg-covar', '0', '--on-degenerate', 'error'], files: { 'same.csv': 'x,y\n1,2\n1,2\n1,2\n' }, code: 1, message: /ill-defined covariance .*try fewer components, a larger regCovar, or scaling the data/ },
  { name: 'sample without -n', args: ['sample', '@model.json'], code: 2, message: /required option '-n, --count <n>' not specified/ },
  { name: 'impute with a non-numeric cell', args: ['impute', '@model.json', '@gap-abc.csv'], files: { 'gap-abc.csv': 'x,y\n1,\n2,abc\n' }, code: 1, message: /gap-abc\.csv: row 3, column "y": "abc" is not a number/ },
  { name: 'impute with an infinite cell', args: ['impute', '@model.json', '@gap-inf.csv'], files: { 'gap-inf.csv': 'x,y\nNA,Infinity\n' }, code: 1, message: /row 2, column "y": "Infinity" is not a finite number/ },
  { name: 'impute --method of an unknown kind', args: ['impute', '@model.json', '@good.csv', '--method', 'median'], code: 2, message: /argument 'median' is invalid\. Allowed choices are mean, sample/ },
  { name: 'impute --seed negative', args: ['impute', '@model.json', '@good.csv', '--seed', '-1'], code: 2, message: /'--seed <seed>' argument '-1' is invalid/ },
  { name: 'regress without --inputs', args: ['regress', '@model.json', '@good.csv'], code: 2, message: /required option '--inputs <list>' not specified/ },
  { name: 'regress --inputs of an unknown feature', args: ['regress', '@model.json', '@good.csv', '--inputs', 'z'], code: 2, message: /--inputs z: expected one of the model's features \(x, y\) or an index 1\.\.2/ },
  { name: 'regress --inputs out of range', args: ['regress', '@model.json', '@good.csv', '--inputs', '3'], code: 2, message: /--inputs 3: expected one of the model's features/ },
  { name: 'regress --inputs twice the same', args: ['regress', '@model.json', '@good.csv', '--inputs', 'x,1'], code: 2, message: /--inputs: feature x is given twice/ },
  { name: 'regress --inputs with every feature', args: ['regress', '@model.json', '@good.csv', '--inputs', 'x,y'], code: 2, message: /every feature of the model \(x, y\) is an input, so there is nothing left to predict/ },
  { name: 'regress on a file without the input column', args: ['regress', '@model.json', '@only-y.csv', '--inputs', 'x'], files: { 'only-y.csv': 'y\n1\n' }, code: 1, message: /only-y\.csv: there is no column "x" \(the columns are y\)/ },
  { name: 'regress with an empty input cell', args: ['regress', '@model.json', '@x-gap.csv', '--inputs', 'x'], files: { 'x-gap.csv': 'x,y\n1,2\n,3\n' }, code: 1, message: /x-gap\.csv: row 3, column "x": the cell is empty/ },
  { name: '--weights-column with a negative weight', args: ['fit', '@w-neg.csv', '--weights-column', 'count'], files: { 'w-neg.csv': 'x,count\n1,2\n3,-1\n' }, code: 1, message: /w-neg\.csv: row 3, column "count": the weight -1 is negative \(expected a number >= 0\)/ },
  { name: '--weights-column with a non-numeric weight', args: ['fit', '@w-abc.csv', '--weights-column', '2'], files: { 'w-abc.csv': 'x,count\n1,2\n3,many\n' }, code: 1, message: /w-abc\.csv: row 3, column "count": "many" is not a number/ },
  { name: '--weights-column with a NaN weight', args: ['select', '@w-nan.csv', '--weights-column', 'count'], files: { 'w-nan.csv': 'x,count\n1,NaN\n' }, code: 1, message: /w-nan\.csv: row 2, column "count": "NaN" is not a finite number/ },
  { name: '--weights-column with an empty weight', args: ['fit', '@w-empty.csv', '--weights-column', 'count'], files: { 'w-empty.csv': 'x,count\n1,2\n2,\n' }, code: 1, message: /w-empty\.csv: row 3, column "count": the cell is empty/ },
  { name: '--weights-column with every weight 0', args: ['fit', '@w-zero.csv', '--weights-column', 'count'], files: { 'w-zero.csv': 'x,count\n1,0\n2,0\n' }, code: 1, message: /w-zero\.csv: column "count": every weight is 0 \(expected at least one weight > 0\)/ },
  { name: '--weights-column of an unknown name', args: ['fit', '@good.csv', '--weights-column', 'count'], code: 2, message: /--weights-column count: .*good\.csv has no such column \(the columns are x, y\)/ },
  { name: '--weights-column index out of range', args: ['select', '@good.csv', '--weights-column', '3'], code: 2, message: /--weights-column 3: .*good\.csv has no such column \(the columns are x, y\)/ },
  { name: '--weights-column by name without a header', args: ['fit', '@w-nh.csv', '--weights-column', 'count'], files: { 'w-nh.csv': '1,2\n3,4\n' }, code: 2, message: /--weights-column count: .*w-nh\.csv has no such column \(the data has no header, so give an index 1\.\.2\)/ },
  { name: '--weights-column as the only column', args: ['fit', '@w-only.csv', '--weights-column', 'count'], files: { 'w-only.csv': 'count\n1\n2\n' }, code: 2, message: /--weights-column count: no feature column is left once the weight column is set aside/ },
  { name: '--weights-column with --dataset', args: ['fit', '--dataset', 'faithful', '--weights-column', 'waiting'], code: 2, message: /--weights-column: the built-in data sets have no weight column \(received --dataset faithful\)/ },
  { name: '--weights-column empty', args: ['fit', '@good.csv', '--weights-column', ' '], code: 2, message: /--weights-column: expected a column name or a 1-based index, received an empty value/ },
  { name: 'plot --x of an unknown feature', args: ['plot', '@model.json', '@good.csv', '--x', 'z'], code: 2, message: /--x z: expected one of the model's features \(x, y\) or an index 1\.\.2/ },
];

describe('bad inputs', () => {
  it.each(CASES)('$name → exit $code', async ({ args, files, code, message }) => {
    for (const [name, text] of Object.entries(files ?? {})) writeFileSync(tmp.path(name), text);
    const result = await gmm(args.map((arg) => (arg.startsWith('@') ? tmp.path(arg.slice(1)) : arg)));
    expect(result.code).toBe(code);
    expect(result.stderr).toMatch(message);
    expect(result.stderr.trimEnd().split('\n')).toHaveLength(1);
    expect(result.stderr).not.toMatch(/\n\s+at /);
    expect(result.stdout).toBe('');
  });

  it('all-identical rows with the default regularisation fit (the covariance is regCovar·I)', async () => {
    const path = tmp.file('same-ok.csv', 'x,y\n1,2\n1,2\n1,2\n');
    const result = await gmm(['fit', path, '--json']);
    expect(result.code).toBe(0);
    const covariances = JSON.parse(result.stdout).covariances as number[][][];
    expect(covariances.flat(2).map((value) => Number(value.toFixed(12)))).toEqual([1e-6, 0, 0, 1e-6]);
  });

  it('leaves no file, temporary or final, when a fit fails', async () => {
    const before = readdirSync(tmp.dir).length;
    const result = await gmm(['fit', tmp.path('good.csv'), '-k', '9', '-o', tmp.path('never.json')]);
    expect(result.code).toBe(1);
    expect(readdirSync(tmp.dir)).toHaveLength(before);
  });

  it('prints a stack trace only with GMM_DEBUG=1', async () => {
    const { Capture } = await import('./helpers.js');
    const { run } = await import('../src/main.js');
    const { Readable } = await import('node:stream');
    const stderr = new Capture();
    const code = await run(['fit', tmp.path('nope.csv')], { stdout: new Capture(), stderr, stdin: Readable.from(['']), stderrIsTTY: false, env: { GMM_DEBUG: '1' } });
    expect(code).toBe(1);
    expect(stderr.text).toMatch(/\n\s+at /);
  });
});
