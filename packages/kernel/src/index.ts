export type {
  CovarianceKind,
  EStepThreads,
  Kernel,
  KernelDtype,
  KernelParams,
  KernelSession,
  SessionShape,
  SufficientStats,
} from './types.js';
export { COVARIANCE_KINDS, KERNEL_DTYPES } from './types.js';
export { addStats, createStats, LOG_2PI, packedIndex, packedSize, precCholSize, secondMomentSize } from './layout.js';
export { referenceKernel } from './reference.js';
export { getKernel, loadKernel, wasmMemoryBytes } from './wasm.js';
export { availableThreads, liveWorkerCount } from './threads.js';
