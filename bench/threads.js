// Whether @gmm/core has a `threads` fit option yet. Core rejects unknown options with a ValidationError on
// "options" naming the key, so one tiny fit tells; any other failure is a real error and propagates.
import { fit, ValidationError } from '@gmm/core';

export async function coreSupportsThreads() {
  const X = { data: new Float64Array([0, 1, 2, 3]), rows: 4, cols: 1 };
  try {
    await fit(X, { nComponents: 1, maxIter: 1, threads: 1 });
    return true;
  } catch (error) {
    if (error instanceof ValidationError && error.parameter === 'options' && error.received === "'threads'") return false;
    throw error;
  }
}
