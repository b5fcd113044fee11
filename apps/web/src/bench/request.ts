import { CASES, TYPES } from '../../../../bench/cases.js';
import type { BenchRequest } from './messages.js';

/** The benchmarked case: the issue asks for the browser figure of d=8, k=8. */
const CASE_NAME = 'd8';
/** One thread, and two: the browser figure next to its threaded one. */
const DEFAULT_THREADS = [1, 2];

/** The thread counts of `?threads=1,2`: positive integers. */
function threadCounts(param: string | null): number[] {
  if (param === null) return DEFAULT_THREADS;
  return param.split(',').map((item) => {
    const count = Number(item);
    if (!/^\d+$/.test(item) || count < 1) throw new Error(`threads: expected positive integers separated by commas, received "${item}"`);
    return count;
  });
}

/** The request from the page's query string: `n` (default: the case's), `types` (default: all four), `threads` (default: 1,2). */
export function requestFrom(search: string): BenchRequest {
  const params = new URLSearchParams(search);
  const benchCase = CASES.find((c) => c.name === CASE_NAME)!;
  const nParam = params.get('n');
  const n = nParam === null ? benchCase.n : Number(nParam);
  if (!Number.isInteger(n) || n < benchCase.k) {
    throw new Error(`n: expected an integer of at least ${benchCase.k}, received "${nParam}"`);
  }
  const types = params.get('types')?.split(',') ?? TYPES;
  const unknown = types.find((type) => !TYPES.includes(type));
  if (unknown !== undefined) throw new Error(`types: expected some of ${TYPES.join(', ')}, received "${unknown}"`);
  return { caseName: CASE_NAME, n, types, threads: threadCounts(params.get('threads')) };
}
