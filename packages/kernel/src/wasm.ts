/**
 * The WebAssembly SIMD kernel behind the `Kernel` interface. The module is inlined as base64 and compiled
 * synchronously, so Node, workers, the browser and vitest all load it the same way. A session holds one
 * allocation in wasm memory: the data (copied once), the parameters and statistics of one call, scratch.
 */
import { KERNEL_SHARED_WASM_BASE64, KERNEL_WASM_BASE64, SHARED_MEMORY_PAGES } from './generated/kernel-wasm.js';
import { precCholSize, secondMomentSize } from './layout.js';
import { threadRanges } from './thread-ranges.js';
import { WorkerPool } from './threads.js';
import type {
  CovarianceKind,
  EStepThreads,
  Kernel,
  KernelParams,
  KernelSession,
  SessionShape,
  SufficientStats,
} from './types.js';
import { checkRange, checkSampleWeight, checkSessionInput } from './validate.js';

// Neither the ES2022 lib nor @types/node 20 declares WebAssembly; these are the members used here.
declare namespace WebAssembly {
  class Module {
    constructor(bytes: Uint8Array);
  }
  class Instance {
    constructor(module: Module, imports: object);
    readonly exports: object;
  }
  class Memory {
    constructor(descriptor: { initial: number; maximum: number; shared: boolean });
    readonly buffer: ArrayBuffer;
  }
}

type EStepExport = (
  x: number, d: number, k: number, start: number, end: number,
  means: number, precChol: number, logConst: number, N: number, S: number, Q: number, work: number, weights: number,
) => number;

type ScoreExport = (
  x: number, d: number, k: number, start: number, end: number,
  means: number, precChol: number, logConst: number, logDensity: number, logResp: number, work: number,
) => void;

/** The exports of assembly/index.ts. */
interface KernelExports {
  readonly memory: WebAssembly.Memory;
  alloc(bytes: number): number;
  free(ptr: number): void;
  workBytes(kind: number, k: number, d: number): number;
  eStepFull: EStepExport;
  eStepTied: EStepExport;
  eStepDiag: EStepExport;
  eStepSpherical: EStepExport;
  scoreFull: ScoreExport;
  scoreTied: ScoreExport;
  scoreDiag: ScoreExport;
  scoreSpherical: ScoreExport;
}

interface KindEntryPoints {
  readonly code: number;
  /** Name of the E-step export, which workers call. */
  readonly eStepName: string;
  readonly eStep: EStepExport;
  readonly score: ScoreExport;
}

/** Rows per scoreRows call into wasm, which bounds the output scratch of a session. */
const SCORE_BLOCK_ROWS = 1024;
/** AssemblyScript's allocator serves blocks smaller than 1 GiB. */
const MAX_SESSION_BYTES = 2 ** 30 - 16;

function decodeBase64(base64: string): Uint8Array {
  const binary = atob(base64);
  const bytes = new Uint8Array(binary.length);
  for (let i = 0; i < binary.length; i++) bytes[i] = binary.charCodeAt(i);
  return bytes;
}

/** The module and memory worker threads instantiate to run E-steps on the main thread's data. */
export interface SharedKernel {
  readonly module: WebAssembly.Module;
  readonly memory: WebAssembly.Memory;
}

let kernelExports: KernelExports | undefined;
let sharedKernel: SharedKernel | undefined;

/**
 * Shared memory needs SharedArrayBuffer, which a browser page has only when cross-origin isolated; elsewhere the
 * variant with its own memory runs, and everything runs on one thread.
 */
function sharedMemoryAvailable(): boolean {
  const scope = globalThis as { crossOriginIsolated?: boolean };
  return typeof SharedArrayBuffer === 'function' && scope.crossOriginIsolated !== false;
}

function getExports(): KernelExports {
  if (!kernelExports) {
    if (sharedMemoryAvailable()) {
      const module = new WebAssembly.Module(decodeBase64(KERNEL_SHARED_WASM_BASE64));
      const memory = new WebAssembly.Memory({ ...SHARED_MEMORY_PAGES, shared: true });
      kernelExports = new WebAssembly.Instance(module, { env: { memory } }).exports as KernelExports;
      sharedKernel = { module, memory };
    } else {
      const module = new WebAssembly.Module(decodeBase64(KERNEL_WASM_BASE64));
      kernelExports = new WebAssembly.Instance(module, {}).exports as KernelExports;
    }
  }
  return kernelExports;
}

/** The shared module and memory, or undefined where the kernel runs on its own memory (no SharedArrayBuffer). */
export function getSharedKernel(): SharedKernel | undefined {
  getExports();
  return sharedKernel;
}

function entryPoints(wasm: KernelExports, kind: CovarianceKind): KindEntryPoints {
  switch (kind) {
    case 'full':
      return { code: 0, eStepName: 'eStepFull', eStep: wasm.eStepFull, score: wasm.scoreFull };
    case 'tied':
      return { code: 1, eStepName: 'eStepTied', eStep: wasm.eStepTied, score: wasm.scoreTied };
    case 'diag':
      return { code: 2, eStepName: 'eStepDiag', eStep: wasm.eStepDiag, score: wasm.scoreDiag };
    case 'spherical':
      return { code: 3, eStepName: 'eStepSpherical', eStep: wasm.eStepSpherical, score: wasm.scoreSpherical };
  }
}

/** Byte offsets of a session's regions inside its single allocation (each 16-byte aligned). */
interface SessionLayout {
  readonly x: number;
  /** Per-row sample weights (an empty region without them). */
  readonly weights: number;
  readonly means: number;
  readonly precChol: number;
  readonly logConst: number;
  readonly N: number;
  readonly S: number;
  readonly Q: number;
  readonly work: number;
  readonly logDensity: number;
  readonly logResp: number;
  readonly bytes: number;
}

function layoutSession(
  rows: number,
  d: number,
  kind: CovarianceKind,
  k: number,
  workBytes: number,
  weighted: boolean,
): SessionLayout {
  let bytes = 0;
  const region = (size: number): number => {
    const at = bytes;
    bytes += Math.ceil(size / 16) * 16;
    return at;
  };
  const paramSize = precCholSize(kind, k, d);
  return {
    x: region(8 * rows * d),
    weights: region(weighted ? 8 * rows : 0),
    means: region(8 * k * d),
    precChol: region(8 * paramSize),
    logConst: region(8 * k),
    N: region(8 * k),
    S: region(8 * k * d),
    Q: region(8 * secondMomentSize(kind, k, d)),
    work: region(workBytes),
    logDensity: region(8 * SCORE_BLOCK_ROWS),
    logResp: region(8 * SCORE_BLOCK_ROWS * k),
    bytes, // read after every region above: properties are evaluated in order
  };
}

/** Byte offsets, inside one block, of the statistics and scratch of one extra range of a threaded E-step. */
interface RangeBlockLayout {
  readonly N: number;
  readonly S: number;
  readonly Q: number;
  readonly work: number;
  readonly bytes: number;
}

function layoutRangeBlock(d: number, kind: CovarianceKind, k: number, workBytes: number): RangeBlockLayout {
  let bytes = 0;
  const region = (size: number): number => {
    const at = bytes;
    bytes += Math.ceil(size / 16) * 16;
    return at;
  };
  return {
    N: region(8 * k),
    S: region(8 * k * d),
    Q: region(8 * secondMomentSize(kind, k, d)),
    work: region(workBytes),
    bytes,
  };
}

function checkLength(name: string, array: Float64Array, expected: number): void {
  if (array.length !== expected) throw new RangeError(`${name} must hold ${expected} values, got ${array.length}`);
}

function checkMinLength(name: string, array: Float64Array, needed: number): void {
  if (array.length < needed) throw new RangeError(`${name} must hold at least ${needed} values, got ${array.length}`);
}

class WasmSession implements KernelSession {
  private readonly wasm: KernelExports;
  private readonly entry: KindEntryPoints;
  private readonly layout: SessionLayout;
  private readonly weighted: boolean;
  /** Start of this session's allocation; 0 once disposed. */
  private base: number;
  /** The statistics and scratch of ranges 1, 2, … of a threaded E-step (allocated on its first call). */
  private rangeBlocks: { readonly base: number; readonly count: number; readonly layout: RangeBlockLayout } | undefined;

  constructor(
    data: Float64Array,
    readonly rows: number,
    readonly cols: number,
    readonly kind: CovarianceKind,
    readonly k: number,
    sampleWeight: Float64Array | undefined,
  ) {
    this.wasm = getExports();
    this.entry = entryPoints(this.wasm, kind);
    this.weighted = sampleWeight !== undefined;
    this.layout = layoutSession(rows, cols, kind, k, this.wasm.workBytes(this.entry.code, k, cols), this.weighted);
    const { bytes } = this.layout;
    if (bytes > MAX_SESSION_BYTES) {
      throw new RangeError(
        `a ${kind} session of rows × cols = ${rows} × ${cols} with k = ${k} needs ${bytes} bytes of kernel memory, more than the ${MAX_SESSION_BYTES} one session can hold: process the rows in chunks`,
      );
    }
    try {
      this.base = this.wasm.alloc(bytes) >>> 0;
    } catch (cause) {
      throw new RangeError(`cannot allocate ${bytes} bytes of kernel memory for rows × cols = ${rows} × ${cols}`, { cause });
    }
    this.view(this.layout.x, rows * cols).set(data.subarray(0, rows * cols));
    if (sampleWeight) this.view(this.layout.weights, rows).set(sampleWeight);
  }

  /** A fresh view: any allocation may have grown the memory and detached older views. */
  private view(offset: number, length: number): Float64Array {
    if (this.base === 0) throw new Error('the kernel session has been disposed');
    return new Float64Array(this.wasm.memory.buffer, this.base + offset, length);
  }

  private writeParams(params: KernelParams): void {
    const { cols: d, k, kind, layout } = this;
    checkLength('means', params.means, k * d);
    checkLength('precChol', params.precChol, precCholSize(kind, k, d));
    checkLength('logConst', params.logConst, k);
    this.view(layout.means, k * d).set(params.means);
    this.view(layout.precChol, params.precChol.length).set(params.precChol);
    this.view(layout.logConst, k).set(params.logConst);
  }

  eStep(params: KernelParams, start: number, end: number, stats: SufficientStats): number {
    checkRange(start, end, this.rows);
    const { cols: d, k, kind, layout } = this;
    checkLength('stats.N', stats.N, k);
    checkLength('stats.S', stats.S, k * d);
    checkLength('stats.Q', stats.Q, secondMomentSize(kind, k, d));
    this.writeParams(params);
    const at = (offset: number): number => this.base + offset;
    const logLikelihood = this.entry.eStep(
      at(layout.x), d, k, start, end,
      at(layout.means), at(layout.precChol), at(layout.logConst),
      at(layout.N), at(layout.S), at(layout.Q), at(layout.work), this.weighted ? at(layout.weights) : 0,
    );
    stats.N.set(this.view(layout.N, k));
    stats.S.set(this.view(layout.S, k * d));
    stats.Q.set(this.view(layout.Q, stats.Q.length));
    return logLikelihood;
  }

  async eStepThreaded(params: KernelParams, threads: EStepThreads, stats: SufficientStats): Promise<number> {
    if (!(threads instanceof WorkerPool)) throw new TypeError('threads must come from the WebAssembly kernel\'s openThreads');
    const { rows, cols: d, k, kind, layout } = this;
    checkLength('stats.N', stats.N, k);
    checkLength('stats.S', stats.S, k * d);
    checkLength('stats.Q', stats.Q, secondMomentSize(kind, k, d));
    const ranges = threadRanges(rows, threads.count);
    // Allocate before writing the parameters and starting workers: an allocation may grow the memory.
    const blocks = this.ensureRangeBlocks(ranges.length - 1);
    this.writeParams(params);
    const at = (offset: number): number => this.base + offset;
    const weights = this.weighted ? at(layout.weights) : 0;
    const shared = [at(layout.means), at(layout.precChol), at(layout.logConst)];
    const workerResults = ranges.slice(1).map(([start, end], r) => {
      const block = blocks.base + r * blocks.layout.bytes;
      const { N, S, Q, work } = blocks.layout;
      return threads.call(r, this.entry.eStepName, [
        at(layout.x), d, k, start, end, ...shared, block + N, block + S, block + Q, block + work, weights,
      ]);
    });
    const [start0, end0] = ranges[0]!;
    const first = this.entry.eStep(
      at(layout.x), d, k, start0, end0, ...(shared as [number, number, number]),
      at(layout.N), at(layout.S), at(layout.Q), at(layout.work), weights,
    );
    const rest = await Promise.all(workerResults);
    stats.N.set(this.view(layout.N, k));
    stats.S.set(this.view(layout.S, k * d));
    stats.Q.set(this.view(layout.Q, stats.Q.length));
    let logLikelihood = first;
    // Fixed order: range 1, 2, … added to range 0, whatever order the workers finished in.
    rest.forEach((value, r) => {
      const block = blocks.base + r * blocks.layout.bytes - this.base;
      addInto(stats.N, this.view(block + blocks.layout.N, k));
      addInto(stats.S, this.view(block + blocks.layout.S, k * d));
      addInto(stats.Q, this.view(block + blocks.layout.Q, stats.Q.length));
      logLikelihood += value;
    });
    return logLikelihood;
  }

  private ensureRangeBlocks(count: number): { readonly base: number; readonly count: number; readonly layout: RangeBlockLayout } {
    if (this.base === 0) throw new Error('the kernel session has been disposed');
    if (this.rangeBlocks && this.rangeBlocks.count >= count) return this.rangeBlocks;
    this.freeRangeBlocks();
    const layout = layoutRangeBlock(this.cols, this.kind, this.k, this.wasm.workBytes(this.entry.code, this.k, this.cols));
    const bytes = Math.max(16, count * layout.bytes);
    let base: number;
    try {
      base = this.wasm.alloc(bytes) >>> 0;
    } catch (cause) {
      throw new RangeError(`cannot allocate ${bytes} bytes of kernel memory for the statistics of ${count} threads`, { cause });
    }
    this.rangeBlocks = { base, count, layout };
    return this.rangeBlocks;
  }

  private freeRangeBlocks(): void {
    if (this.rangeBlocks) this.wasm.free(this.rangeBlocks.base);
    this.rangeBlocks = undefined;
  }

  scoreRows(
    params: KernelParams,
    start: number,
    end: number,
    logDensity: Float64Array | null,
    logResp: Float64Array | null,
  ): void {
    checkRange(start, end, this.rows);
    const { cols: d, k, layout } = this;
    if (logDensity) checkMinLength('logDensity', logDensity, end - start);
    if (logResp) checkMinLength('logResp', logResp, (end - start) * k);
    this.writeParams(params);
    const at = (offset: number): number => this.base + offset;
    for (let blockStart = start; blockStart < end; blockStart += SCORE_BLOCK_ROWS) {
      const blockEnd = Math.min(end, blockStart + SCORE_BLOCK_ROWS);
      const count = blockEnd - blockStart;
      this.entry.score(
        at(layout.x), d, k, blockStart, blockEnd,
        at(layout.means), at(layout.precChol), at(layout.logConst),
        logDensity ? at(layout.logDensity) : 0, logResp ? at(layout.logResp) : 0, at(layout.work),
      );
      logDensity?.set(this.view(layout.logDensity, count), blockStart - start);
      logResp?.set(this.view(layout.logResp, count * k), (blockStart - start) * k);
    }
  }

  dispose(): void {
    if (this.base === 0) return;
    this.freeRangeBlocks();
    this.wasm.free(this.base);
    this.base = 0;
  }
}

const wasmKernel: Kernel = {
  name: 'wasm-simd',
  createSession(data: Float64Array, rows: number, cols: number, shape: SessionShape, sampleWeight?: Float64Array): KernelSession {
    checkSessionInput(data, rows, cols, shape);
    checkSampleWeight(sampleWeight, rows);
    return new WasmSession(data, rows, cols, shape.kind, shape.k, sampleWeight);
  },
  openThreads(count: number): Promise<EStepThreads> {
    if (!Number.isInteger(count) || count < 1) {
      throw new RangeError(`threads must be a positive integer, got ${String(count)}`);
    }
    return WorkerPool.open(getSharedKernel(), count);
  },
};

/** target[i] += source[i]. */
function addInto(target: Float64Array, source: Float64Array): void {
  for (let i = 0; i < target.length; i++) target[i]! += source[i]!;
}

/** The WebAssembly kernel, compiled and instantiated synchronously on first use. */
export function getKernel(): Kernel {
  getExports();
  return wasmKernel;
}

/** The WebAssembly kernel; async for callers that prefer not to block on the first compile. */
export async function loadKernel(): Promise<Kernel> {
  return getKernel();
}

/** Current size of the kernel's linear memory in bytes (grows, never shrinks: a leak shows up here). */
export function wasmMemoryBytes(): number {
  return getExports().memory.buffer.byteLength;
}
