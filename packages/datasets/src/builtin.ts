import type { Dataset } from './dataset.js';
import * as blobs2dData from './generated/blobs-2d.js';
import * as faithfulData from './generated/faithful.js';
import * as irisData from './generated/iris.js';

interface EmbeddedTable {
  columns: string[];
  rows: number;
  values: number[];
  labels: number[] | undefined;
  labelNames: string[] | undefined;
}

function fromTable(name: string, table: EmbeddedTable): Dataset {
  return {
    name,
    columns: [...table.columns],
    data: Float64Array.from(table.values),
    rows: table.rows,
    cols: table.columns.length,
    ...(table.labels && { labels: Int32Array.from(table.labels) }),
    ...(table.labelNames && { labelNames: [...table.labelNames] }),
  };
}

/** Old Faithful (R `datasets::faithful`): 272 eruptions, eruption length and waiting time in minutes. */
export function faithful(): Dataset {
  return fromTable('faithful', faithfulData);
}

/** Fisher's Iris: 150 flowers × 4 measurements in cm; labels are the species. */
export function iris(): Dataset {
  return fromTable('iris', irisData);
}

/** 10,000 points from a known 3-component 2-D mixture; labels are the generating components. */
export function blobs2d(): Dataset {
  return fromTable('blobs-2d', blobs2dData);
}

export const DATASET_NAMES = ['faithful', 'iris', 'blobs-2d'] as const;
export type DatasetName = (typeof DATASET_NAMES)[number];

const loaders: Record<DatasetName, () => Dataset> = { faithful, iris, 'blobs-2d': blobs2d };

/** A built-in data set by name; a fresh copy each call, so callers may modify it. */
export function loadDataset(name: DatasetName): Dataset {
  const load = loaders[name];
  if (!load) throw new RangeError(`unknown data set "${String(name)}": expected one of ${DATASET_NAMES.join(', ')}`);
  return load();
}
