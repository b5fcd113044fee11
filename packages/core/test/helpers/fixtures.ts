// Reference results computed with scikit-learn 1.2.1 (see /work/shared/fixtures/README.md), read from
// test/fixtures/ so every test can cite the file it compares against.
import { readdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { DatasetName } from '@gmm/datasets';
import type { CovarianceType } from '../../src/index.js';

const FIXTURE_DIR = fileURLToPath(new URL('../fixtures/', import.meta.url));

/** Covariances in scikit-learn's shapes: full k×d×d, tied d×d, diag k×d, spherical k. */
export type NestedCovariances = number[] | number[][] | number[][][];

/** `<set>-k<K>-<cov>-fixed20.json`: a fixed start and exactly 20 EM iterations with tol 0. */
export interface Fixed20Fixture {
  name: string;
  data: string;
  n_samples: number;
  n_features: number;
  n_components: number;
  covariance_type: CovarianceType;
  reg_covar: number;
  iterations: number;
  start: { means: number[][] };
  /** Entry t: mean log-likelihood of the parameters after t M-steps (0 = the start, 20 = final). */
  loglik_trajectory: number[];
  final: {
    weights: number[];
    means: number[][];
    covariances: NestedCovariances;
    score: number;
    bic: number;
    aic: number;
    n_parameters: number;
  };
}

/** `<set>-k<K>-<cov>-fit.json`: k-means init, n_init 10, continued until |Δ score| < 1e-7. */
export interface FitFixture {
  name: string;
  data: string;
  n_components: number;
  covariance_type: CovarianceType;
  n_init: number;
  score_converged: number;
  bic_converged: number;
  weights: number[];
  means: number[][];
  covariances: NestedCovariances;
}

export interface BicGridFixture {
  best: { covariance_type: CovarianceType; k: number; bic_polished: number; bic: number };
  best_per_type: Record<CovarianceType, { k: number; bic: number }>;
  grid: Record<CovarianceType, { k: number; bic: number }[]>;
}

/** Names (without .json) of the fixtures ending in `suffix`, sorted. */
export function fixtureNames(suffix: '-fixed20' | '-fit'): string[] {
  return readdirSync(FIXTURE_DIR)
    .filter((file) => file.endsWith(`${suffix}.json`))
    .map((file) => file.slice(0, -'.json'.length))
    .sort();
}

function readFixture(name: string): Record<string, unknown> {
  return JSON.parse(readFileSync(`${FIXTURE_DIR}${name}.json`, 'utf8')) as Record<string, unknown>;
}

export function loadFixed20(name: string): Fixed20Fixture {
  return { ...readFixture(name), name } as unknown as Fixed20Fixture;
}

export function loadFitFixture(name: string): FitFixture {
  return { ...readFixture(name), name } as unknown as FitFixture;
}

export function loadBicGrid(): BicGridFixture {
  return readFixture('faithful-bic-grid') as unknown as BicGridFixture;
}

/** The data set a fixture was computed on, from its `data` field ("data/faithful.csv"). */
export function datasetOf(fixture: { name: string; data: string }): DatasetName {
  const match = /^data\/(faithful|iris|blobs-2d)\.csv$/.exec(fixture.data);
  if (!match) throw new Error(`fixture ${fixture.name}: unknown data file ${fixture.data}`);
  return match[1] as DatasetName;
}
