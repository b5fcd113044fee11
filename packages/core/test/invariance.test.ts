// Translation invariance: the shifted sufficient statistics keep a 1e6 offset from cancelling, which
// scikit-learn's expanded form does not for diag and spherical.
import { referenceKernel, type Kernel } from '@gmm/kernel';
import { expect, test } from 'vitest';
import { fit } from '../src/index.js';
import { expectClose } from './helpers/compare.js';
import { loadData, shifted } from './helpers/data.js';
import { fixedStart } from './helpers/fixed-start.js';
import { datasetOf, fixtureNames, loadFixed20 } from './helpers/fixtures.js';

const SHIFT = 1e6;
const KERNELS: { kernelName: string; kernel?: Kernel }[] = [
  { kernelName: 'default (WASM) kernel' },
  { kernelName: 'reference kernel', kernel: referenceKernel },
];
const rows = fixtureNames('-fixed20').flatMap((name) => KERNELS.map((kernel) => ({ name, ...kernel })));

test.each(rows)('$name shifted by 1e6 keeps the trajectory, $kernelName', async ({ name, kernel }) => {
  // Ref: shared fixture <name> from the title (its start.means; faithful, iris, blobs-2d × the four types)
  const fixture = loadFixed20(name);
  const type = fixture.covariance_type;
  const X = loadData(datasetOf(fixture));
  const withKernel = kernel && { kernel };

  const original = await fit(X, { ...fixedStart(type, fixture.start.means, fixture.iterations), ...withKernel });
  const shiftedStart = fixture.start.means.map((row) => row.map((value) => value + SHIFT));
  const moved = await fit(shifted(X, SHIFT), { ...fixedStart(type, shiftedStart, fixture.iterations), ...withKernel });

  expect(moved.lowerBounds).toHaveLength(fixture.iterations);
  expectClose(moved.lowerBounds, original.lowerBounds, 1e-9, 'lowerBounds (shifted by 1e6)');
});
