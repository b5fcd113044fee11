/** A thrown error as a message for the page: what went wrong, and what to try. */
import { DataError, IllDefinedCovarianceError, ModelFormatError, ValidationError } from '@gmm/core';

export function describeFailure(error: unknown): { message: string; hint: string } {
  const message = error instanceof Error ? error.message : String(error);
  if (error instanceof IllDefinedCovarianceError) {
    return { message, hint: 'Try fewer components, a larger regCovar (say 1e-3), a diagonal or tied covariance, or another seed.' };
  }
  if (error instanceof ValidationError) {
    return { message, hint: `Change the fit setting "${error.parameter}".` };
  }
  if (error instanceof DataError) {
    return { message, hint: 'Check the data: every picked cell must be a finite number.' };
  }
  if (error instanceof ModelFormatError) {
    return { message, hint: 'Import a model saved by this demo or by the gmm CLI (gmm fit -o model.json).' };
  }
  return { message, hint: 'This looks like a bug in the demo: please report it with the data and settings that caused it.' };
}
