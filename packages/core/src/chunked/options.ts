/** Options of fitChunked: the fit options that make sense on a stream, and the size of the initialisation sample. */
import { ValidationError } from '../errors.js';
import { FIT_OPTION_KEYS, type FitOptions } from '../options.js';
import { integerInRange, optionsObject } from '../validate.js';

/** Options fit takes that fitChunked rejects, and why. */
const UNSUPPORTED = {
  warmStart: 'fitChunked starts from its own initialisation',
  sampleWeight: 'a stream has no per-row weights',
  missing: "missing values need 'em' on every row's pattern, which fitChunked does not stream",
  dtype: "fitChunked streams float64 blocks; dtype 'float32' is an option of fit, fitPredict, fitSteps and selectModel",
} as const;

export interface ChunkedFitOptions extends Omit<FitOptions, keyof typeof UNSUPPORTED | 'onDegenerate'> {
  /**
   * Only 'error' (the default): re-seeding a degenerate component needs the worst-explained row, which a
   * stream does not hold; the fit throws IllDefinedCovarianceError like scikit-learn.
   */
  onDegenerate?: 'error';
  /** Rows of the seeded reservoir sample the initialisation runs on (default max(10·k·d, 10,000)). */
  initSampleSize?: number;
}

export const CHUNKED_OPTION_KEYS = [...FIT_OPTION_KEYS, 'initSampleSize'] as const;

/** The smallest default initialisation sample. */
const MIN_SAMPLE_SIZE = 10_000;

export interface ChunkedSettings {
  /** The options to resolve against the sample, as fit's options. */
  readonly fitOptions: Record<string, unknown>;
  /** The sample size for d features. */
  readonly sampleSize: (d: number) => number;
}

/** Rejects what fitChunked does not support and splits off initSampleSize; the rest is checked as fit's options. */
export function resolveChunkedOptions(options: unknown): ChunkedSettings {
  const { initSampleSize, ...record } = optionsObject('options', options, CHUNKED_OPTION_KEYS);
  for (const [name, reason] of Object.entries(UNSUPPORTED)) {
    if (record[name] !== undefined) throw new ValidationError(name, `absent (${reason})`, 'a value');
  }
  if (record.onDegenerate !== undefined && record.onDegenerate !== 'error') {
    throw new ValidationError(
      'onDegenerate',
      "'error' (recovery re-seeds at the worst-explained row, which fitChunked does not keep)",
      String(record.onDegenerate),
    );
  }
  const fixed = initSampleSize === undefined ? undefined : integerInRange('initSampleSize', initSampleSize, 1);
  const k = typeof record.nComponents === 'number' ? record.nComponents : 1;
  return {
    fitOptions: { ...record, onDegenerate: 'error' },
    sampleSize: (d) => fixed ?? Math.max(10 * k * d, MIN_SAMPLE_SIZE),
  };
}
