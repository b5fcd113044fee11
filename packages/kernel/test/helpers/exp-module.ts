// The kernel module's exp entry points (expInPlace: f64, expQuadInPlace: f32), on an instance of their own, for
// the accuracy tests of the vectorised exps.
import { KERNEL_WASM_BASE64 } from '../../src/generated/kernel-wasm.js';

// Neither the ES2022 lib nor @types/node 20 declares WebAssembly; these are the members used here.
declare namespace WebAssembly {
  class Module {
    constructor(bytes: Uint8Array);
  }
  class Instance {
    constructor(module: Module, imports: object);
    readonly exports: object;
  }
  interface Memory {
    readonly buffer: ArrayBuffer;
  }
}

interface ExpExports {
  readonly memory: WebAssembly.Memory;
  alloc(bytes: number): number;
  free(ptr: number): void;
  expInPlace(values: number, count: number): void;
  expQuadInPlace(values: number, count: number): void;
}

const bytes = Uint8Array.from(atob(KERNEL_WASM_BASE64), (c) => c.charCodeAt(0));
const wasm = new WebAssembly.Instance(new WebAssembly.Module(bytes), {}).exports as ExpExports;

/** The kernel's vectorised exp of every value (f64: expInPlace), as a new array. */
export function vectorExp(args: Float64Array): Float64Array {
  const ptr = wasm.alloc(8 * args.length) >>> 0;
  try {
    new Float64Array(wasm.memory.buffer, ptr, args.length).set(args);
    wasm.expInPlace(ptr, args.length);
    return new Float64Array(wasm.memory.buffer, ptr, args.length).slice();
  } finally {
    wasm.free(ptr);
  }
}

/** The float32 kernel's vectorised exp of every value (expQuadInPlace), as a new array. */
export function vectorExp32(args: Float32Array): Float32Array {
  const ptr = wasm.alloc(4 * args.length) >>> 0;
  try {
    new Float32Array(wasm.memory.buffer, ptr, args.length).set(args);
    wasm.expQuadInPlace(ptr, args.length);
    return new Float32Array(wasm.memory.buffer, ptr, args.length).slice();
  } finally {
    wasm.free(ptr);
  }
}
