import { describe } from './errors.js';

/** Reports a value that does not have the expected shape: what was expected and what was received. */
export type ShapeFailure = (expected: string, received: string) => never;

/** A flat row-major array as nested arrays of the given shape (e.g. [k, d, d] → number[][][]). */
export function toNested(flat: ArrayLike<number>, shape: readonly number[]): unknown[] {
  const build = (offset: number, axis: number): unknown[] => {
    const length = shape[axis]!;
    if (axis === shape.length - 1) return Array.from({ length }, (_, i) => flat[offset + i]!);
    const stride = shape.slice(axis + 1).reduce((a, b) => a * b, 1);
    return Array.from({ length }, (_, i) => build(offset + i * stride, axis + 1));
  };
  return build(0, 0);
}

/** Nested arrays of finite numbers with exactly this shape, read into a flat row-major Float64Array. */
export function readNested(value: unknown, shape: readonly number[], name: string, fail: ShapeFailure): Float64Array {
  const expected = `an array of shape ${shape.join(' × ')} of finite numbers`;
  const out = new Float64Array(shape.reduce((a, b) => a * b, 1));
  let next = 0;
  const visit = (node: unknown, axis: number, path: string): void => {
    if (axis === shape.length) {
      if (typeof node !== 'number' || !Number.isFinite(node)) fail(expected, `${path} = ${describe(node)}`);
      out[next++] = node;
      return;
    }
    if (!Array.isArray(node)) fail(expected, `${path} = ${describe(node)}`);
    if (node.length !== shape[axis]) fail(expected, `${path} of length ${node.length} (expected ${shape[axis]})`);
    node.forEach((child, i) => visit(child, axis + 1, `${path}[${i}]`));
  };
  visit(value, 0, name);
  return out;
}
