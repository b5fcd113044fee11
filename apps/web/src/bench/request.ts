import { CASES, TYPES } from '../../../../bench/cases.js';
import type { BenchRequest } from './messages.js';

/** The benchmarked case: the issue asks for the browser figure of d=8, k=8. */
const CASE_NAME = 'd8';

/** The request from the page's query string: `n` (default: the case's) and `types` (default: all four). */
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
  return { caseName: CASE_NAME, n, types };
}
