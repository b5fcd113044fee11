/** Which columns of a table become the features: by --columns, by the model's feature names, or all. */
import { InputError, UsageError } from '../errors.js';

/** A parsed --columns value: 1-based indices and/or header names. */
export type ColumnSpec = readonly (number | string)[];

/** The chosen columns: 0-based indices into a record, and the names they go by. */
export interface ColumnChoice {
  readonly indices: number[];
  readonly names: string[];
  /** Position in `indices` of the sample-weight column, whose cells must be >= 0. */
  readonly weight?: number;
}

/** Picks the columns once the first record is known: its header (if any) and its width. */
export type ColumnResolver = (header: string[] | undefined, width: number, label: string) => ColumnChoice;

const INDEX_PATTERN = /^[1-9]\d*$/;

/** "eruptions,waiting" or "1,3": positive integers are 1-based column indices (as cut and awk), the rest names. */
export function parseColumnSpec(value: string): ColumnSpec {
  const items = value.split(',').map((item) => item.trim());
  if (items.some((item) => item === '')) throw new Error('expected a comma-separated list of column names or 1-based indices');
  return items.map((item) => (INDEX_PATTERN.test(item) ? Number(item) : item));
}

function columnName(header: string[] | undefined, index: number): string {
  return header?.[index] || String(index + 1);
}

/** The column a spec item designates, as a 0-based index. */
function locate(item: number | string, header: string[] | undefined, width: number, label: string): number {
  if (typeof item === 'number') {
    if (item > width) throw new InputError(`${label}: there is no column ${item}: the data has ${width} columns`);
    return item - 1;
  }
  if (header === undefined) {
    throw new InputError(`${label}: cannot find column "${item}": the data has no header, so use 1-based column indices`);
  }
  const index = header.indexOf(item);
  if (index < 0) throw new InputError(`${label}: there is no column "${item}" (the columns are ${header.join(', ')})`);
  return index;
}

function choose(spec: ColumnSpec, header: string[] | undefined, width: number, label: string): ColumnChoice {
  const indices = spec.map((item) => locate(item, header, width, label));
  return { indices, names: indices.map((index) => columnName(header, index)) };
}

function allColumns(header: string[] | undefined, width: number): ColumnChoice {
  const indices = Array.from({ length: width }, (_, i) => i);
  return { indices, names: indices.map((index) => columnName(header, index)) };
}

/** For fitting: the --columns given, or every column. */
export function columnsForData(spec: ColumnSpec | undefined): ColumnResolver {
  return (header, width, label) => (spec ? choose(spec, header, width, label) : allColumns(header, width));
}

/** "count" or "3": a --weights-column value, a 1-based index when it is a positive integer. */
export function parseColumnItem(value: string): number | string {
  const item = value.trim();
  if (item === '') throw new UsageError('--weights-column: expected a column name or a 1-based index, received an empty value');
  return INDEX_PATTERN.test(item) ? Number(item) : item;
}

/** The weight column as a 0-based index; one the data does not have is a usage error listing the columns. */
function locateWeight(item: number | string, header: string[] | undefined, width: number, label: string): number {
  const index = typeof item === 'number' ? item - 1 : (header?.indexOf(item) ?? -1);
  if (index >= 0 && index < width) return index;
  const available = header ? `the columns are ${header.join(', ')}` : `the data has no header, so give an index 1..${width}`;
  throw new UsageError(`--weights-column ${item}: ${label} has no such column (${available})`);
}

/**
 * For a weighted fit: the feature columns (--columns, or every column), without the weight column even when
 * --columns lists it, then the weight column last.
 */
export function columnsWithWeights(spec: ColumnSpec | undefined, weight: number | string): ColumnResolver {
  return (header, width, label) => {
    const weightIndex = locateWeight(weight, header, width, label);
    const features = (spec ? choose(spec, header, width, label) : allColumns(header, width)).indices.filter((index) => index !== weightIndex);
    if (features.length === 0) {
      throw new UsageError(`--weights-column ${weight}: no feature column is left once the weight column is set aside`);
    }
    const indices = [...features, weightIndex];
    return { indices, names: indices.map((index) => columnName(header, index)), weight: features.length };
  };
}

/**
 * For a fitted model: --columns if given; otherwise the model's feature names, looked up in the header
 * (so `gmm sample` output, which adds a `component` column, feeds `gmm score`). Names that are 1-based
 * indices (a model fitted on a file without header) pick columns by position.
 */
export function columnsForModel(spec: ColumnSpec | undefined, featureNames: readonly string[]): ColumnResolver {
  return (header, width, label) => {
    if (spec) return choose(spec, header, width, label);
    const byPosition = featureNames.every((name) => INDEX_PATTERN.test(name));
    if (header && !(byPosition && featureNames.some((name) => !header.includes(name)))) {
      return choose(featureNames, header, width, label);
    }
    if (byPosition) return choose(featureNames.map(Number), header, width, label);
    if (width !== featureNames.length) {
      throw new InputError(
        `${label} has ${width} columns and no header, the model expects ${featureNames.length} (${featureNames.join(', ')})`,
      );
    }
    return allColumns(header, width);
  };
}

/** The feature names of a model, or 1..d when it has none. */
export function modelFeatureNames(model: { featureNames?: readonly string[]; nFeatures: number }): string[] {
  return model.featureNames ? [...model.featureNames] : Array.from({ length: model.nFeatures }, (_, i) => String(i + 1));
}
