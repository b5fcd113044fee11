/** The page asks the benchmark worker for one case at `n` rows, timed for each of `types` with each thread count. */
export interface BenchRequest {
  caseName: string;
  n: number;
  types: string[];
  threads: number[];
}

export interface BenchResult {
  covarianceType: string;
  threads: number;
  msPerIter: number;
  lowerBound: number;
  score: number;
}

export type BenchReport = ({ type: 'result' } & BenchResult) | { type: 'done' } | { type: 'failed'; message: string };
