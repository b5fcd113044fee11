/** A data set as a row-major matrix; `fit` accepts it directly as its data argument. */
export interface Dataset {
  readonly name: string;
  readonly columns: string[];
  readonly data: Float64Array;
  readonly rows: number;
  readonly cols: number;
  /** Known group of each row (species, generating component), where the data set has one. */
  readonly labels?: Int32Array;
  readonly labelNames?: string[];
}
