/** @gmm/core: Gaussian mixture models fitted by EM, matching scikit-learn's GaussianMixture. */
export type { Kernel } from '@gmm/kernel';
export { COVARIANCE_TYPES, type CovarianceType } from './covariance/index.js';
export type { DataInput } from './data.js';
export {
  DataError,
  GmmError,
  IllDefinedCovarianceError,
  ModelFormatError,
  ValidationError,
} from './errors.js';
export { fit, fitPredict } from './fit.js';
export { fitSteps, type FitStep } from './fit-steps.js';
export { defaultThreadCount } from './prepare.js';
export { fitChunked, type ChunkedFitOptions, type RowBlock, type RowSource } from './chunked/index.js';
export { INIT_PARAMS, type InitParams } from './init/index.js';
export { GaussianMixture } from './model.js';
export { IMPUTE_METHODS, type ImputeMethod, type ImputeOptions } from './conditional/impute.js';
export type { Regression } from './conditional/regress.js';
export {
  DEFAULTS,
  DTYPES,
  MISSING_VALUES,
  ON_DEGENERATE,
  type Dtype,
  type FitOptions,
  type MissingValues,
  type OnDegenerate,
} from './options.js';
export { describeReset, type Reset, type ResetAction, type ResetReason } from './degenerate.js';
export type { Sample } from './sample.js';
export {
  selectModel,
  type Candidate,
  type Criterion,
  type ModelSelection,
  type SelectModelOptions,
} from './select-model.js';
export { MODEL_FORMAT, MODEL_VERSION, type Covariances, type GaussianMixtureJSON } from './serialize.js';
export { ellipseAxes, ellipsePoints, type EllipseAxes } from './ellipse.js';
export { OnlineGaussianMixture, ONLINE_DEFAULTS, type OnlineOptions } from './online/index.js';
