/** Base class of every error @gmm/core throws on purpose, so callers can tell ours from bugs. */
export class GmmError extends Error {
  constructor(message: string) {
    super(message);
    this.name = new.target.name;
  }
}

/** An option or argument outside its domain. */
export class ValidationError extends GmmError {
  readonly parameter: string;
  readonly expected: string;
  readonly received: string;

  constructor(parameter: string, expected: string, received: string, message?: string) {
    super(message ?? `${parameter} must be ${expected}, received ${received}`);
    this.parameter = parameter;
    this.expected = expected;
    this.received = received;
  }
}

/** A data matrix that cannot be used: empty, ragged, non-finite, or with the wrong number of features. */
export class DataError extends GmmError {
  readonly row: number | undefined;
  readonly column: number | undefined;

  constructor(message: string, position: { row?: number; column?: number } = {}) {
    super(message);
    this.row = position.row;
    this.column = position.column;
  }
}

/** A covariance that cannot be factorised during a fit; `component` is undefined for the shared tied covariance. */
export class IllDefinedCovarianceError extends GmmError {
  readonly component: number | undefined;

  constructor(component: number | undefined, reason: string) {
    const subject = component === undefined ? 'the tied covariance' : `component ${component}`;
    super(
      `Fitting the mixture model failed because ${subject} has an ill-defined covariance (${reason}): ` +
        'try fewer components, a larger regCovar, or scaling the data.',
    );
    this.component = component;
  }
}

/** A serialised model that cannot be loaded: wrong format name or version, inconsistent shapes, bad numbers. */
export class ModelFormatError extends GmmError {}

/** Short description of a received value for error messages. */
export function describe(value: unknown): string {
  if (value === null) return 'null';
  if (value === undefined) return 'undefined';
  if (typeof value === 'string') return JSON.stringify(value);
  if (typeof value === 'number' || typeof value === 'boolean' || typeof value === 'bigint') return String(value);
  if (Array.isArray(value)) return `an array of length ${value.length}`;
  if (ArrayBuffer.isView(value)) return `a ${value.constructor.name}`;
  if (typeof value === 'function') return 'a function';
  return `an object (${Object.prototype.toString.call(value).slice(8, -1)})`;
}
