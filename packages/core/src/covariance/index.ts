/** The covariance models behind one table: the EM loop looks a module up here and never names a type. */
import { diag } from './diag.js';
import { full } from './full.js';
import { spherical } from './spherical.js';
import { tied } from './tied.js';
import type { CovarianceModule, CovarianceType } from './types.js';

export type { CovarianceModule, CovarianceType, MStepInput } from './types.js';

export const COVARIANCE_MODULES: Readonly<Record<CovarianceType, CovarianceModule>> = { full, tied, diag, spherical };

export const COVARIANCE_TYPES = Object.keys(COVARIANCE_MODULES) as readonly CovarianceType[];
