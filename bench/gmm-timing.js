// Times one gmm fit per EM iteration from fitSteps' yields. Browser-safe (the global `performance`): apps/web's
// benchmark page times its fits with it too.
import { fitSteps } from '@gmm/core';
import { ITERATIONS } from './cases.js';

export const TIMING =
  'timestamps after every EM iteration: (time after iteration 20 - time after iteration 1) / 19, i.e. ' +
  'iterations 2..20; the data copy into the kernel (gmm), the initialisation and the first iteration are excluded';

/** Runs the fit to the end; ms per iteration over iterations 2..20, the last lower bound and score(X). */
export async function timeFit(X, options) {
  const stamps = [];
  const steps = fitSteps(X, options);
  for (;;) {
    const { value, done } = await steps.next();
    if (done) {
      if (stamps.length !== ITERATIONS) throw new Error(`expected ${ITERATIONS} EM iterations, got ${stamps.length}`);
      return {
        msPerIter: (stamps[ITERATIONS - 1] - stamps[0]) / (ITERATIONS - 1),
        lowerBound: value.lowerBound,
        score: value.score(X),
      };
    }
    stamps.push(performance.now());
  }
}

export function relativeDifference(a, b) {
  return Math.abs(a - b) / Math.abs(b);
}
