export type { Dataset } from './dataset.js';
export { blobs2d, DATASET_NAMES, faithful, iris, loadDataset, type DatasetName } from './builtin.js';
export {
  syntheticMixture,
  type CovarianceShape,
  type SyntheticMixture,
  type SyntheticMixtureOptions,
} from './synthetic.js';
