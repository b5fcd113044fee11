/**
 * The WebAssembly SIMD kernel behind the `Kernel` interface. The module is inlined as base64 and compiled
 * synchronously, so Node, workers, the browser and vitest all load it the same way. A session holds one
 * allocation in wasm memory: the data (copied once), the parameters and statistics of one call, scratch.
 */
import { QUAD_ROWS, centredMeans, columnCentres, writeQuads } from './float32-data.js';
import { KERNEL_SHARED_WASM_BASE64, KERNEL_WASM_BASE64, SHARED_MEMORY_PAGES } from './generated/kernel-wasm.js';
import { precCholSize, secondMomentSize } from './layout.js';
import type { ChunkCalls } from './claim-chunks.js';
import { eStepChunks } from './thread-ranges.js';
import { WorkerPool } from './threads.js';
import type {
  CovarianceKind,
  EStepThreads,
  Kernel,
  KernelDtype,
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

/**
 * (x, d, k, start, end, means, precChol, logConst, N, S, Q, work, weights), and for float32 also
 * (…, weights32, unscale): see assembly/index.ts.
 */
type EStepExport = (...args: number[]) => number;

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
  workBytes32(kind: number, k: number, d: number): number;
  dataBytes(rows: number, d: number): number;
  dataUnitRows(d: number): number;
  layOutData(x: number, rows: number, d: number, scratch: number): void;
  blockRows32(): number;
  eStepFull: EStepExport;
  eStepTied: EStepExport;
  eStepDiag: EStepExport;
  eStepSpherical: EStepExport;
  scoreFull: ScoreExport;
  scoreTied: ScoreExport;
  scoreDiag: ScoreExport;
  scoreSpherical: ScoreExport;
  eStepFull32: EStepExport;
  eStepTied32: EStepExport;
  eStepDiag32: EStepExport;
  eStepSpherical32: EStepExport;
  scoreFull32: ScoreExport;
  scoreTied32: ScoreExport;
  scoreDiag32: ScoreExport;
  scoreSpherical32: ScoreExport;
}

type EStepName = { [Name in keyof KernelExports]: KernelExports[Name] extends EStepExport ? Name : never }[keyof KernelExports];
type ScoreName = { [Name in keyof KernelExports]: KernelExports[Name] extends ScoreExport ? Name : never }[keyof KernelExports];

/** Kind code of assembly/kinds.ts and the exports of each kind, per dtype. */
const ENTRY_POINTS: Record<CovarianceKind, { readonly code: number } & Record<KernelDtype, readonly [EStepName, ScoreName]>> = {
  full: { code: 0, float64: ['eStepFull', 'scoreFull'], float32: ['eStepFull32', 'scoreFull32'] },
  tied: { code: 1, float64: ['eStepTied', 'scoreTied'], float32: ['eStepTied32', 'scoreTied32'] },
  diag: { code: 2, float64: ['eStepDiag', 'scoreDiag'], float32: ['eStepDiag32', 'scoreDiag32'] },
  spherical: { code: 3, float64: ['eStepSpherical', 'scoreSpherical'], float32: ['eStepSpherical32', 'scoreSpherical32'] },
};

interface KindEntryPoints {
  /** Name of the E-step export, which workers call. */
  readonly eStepName: EStepName;
  readonly eStep: EStepExport;
  readonly score: ScoreExport;
  /** Bytes of scratch for k components and d columns. */
  readonly workBytes: number;
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

function entryPoints(wasm: KernelExports, kind: CovarianceKind, dtype: KernelDtype, k: number, d: number): KindEntryPoints {
  const { code, [dtype]: [eStepName, scoreName] } = ENTRY_POINTS[kind];
  const workBytes = dtype === 'float32' ? wasm.workBytes32(code, k, d) : wasm.workBytes(code, k, d);
  return { eStepName, eStep: wasm[eStepName], score: wasm[scoreName], workBytes };
}

/** Byte offsets of a session's regions inside its single allocation (each 16-byte aligned). */
interface SessionLayout {
  readonly x: number;
  /** Per-row sample weights in f64 (an empty region without them; float32: padded to whole quads). */
  readonly weights: number;
  /** float32 only: the weights times 1 / unscale in f32, padded to whole quads (else an empty region). */
  readonly weights32: number;
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

/** float64: `dataBytes` bytes, pairs or blocks of rows (assembly/data-layout.ts); float32: whole quads of QUAD_ROWS rows of f32 (see float32-data.ts). */
function layoutSession(
  rows: number,
  d: number,
  kind: CovarianceKind,
  k: number,
  dtype: KernelDtype,
  workBytes: number,
  weighted: boolean,
  dataBytes: number,
): SessionLayout {
  let bytes = 0;
  const region = (size: number): number => {
    const at = bytes;
    bytes += Math.ceil(size / 16) * 16;
    return at;
  };
  const single = dtype === 'float32';
  // float32: whole quads of rows (data and weights); float64: one weight per row (assembly/block-estep.ts reads none past the rows).
  const paddedRows = single ? Math.ceil(rows / QUAD_ROWS) * QUAD_ROWS : rows;
  const valueBytes = single ? 4 : 8;
  return {
    x: region(single ? 4 * paddedRows * d : dataBytes),
    weights: region(weighted ? 8 * paddedRows : 0),
    weights32: region(weighted && single ? 4 * paddedRows : 0),
    means: region(valueBytes * k * d),
    precChol: region(valueBytes * precCholSize(kind, k, d)),
    logConst: region(valueBytes * k),
    N: region(8 * k),
    S: region(8 * k * d),
    Q: region(8 * secondMomentSize(kind, k, d)),
    work: region(workBytes),
    logDensity: region(8 * SCORE_BLOCK_ROWS),
    logResp: region(8 * SCORE_BLOCK_ROWS * k),
    bytes, // read after every region above: properties are evaluated in order
  };
}

/**
 * Byte offsets, inside one allocation, of what a threaded E-step needs beyond the session: the statistics of chunks
 * 1, 2, … (chunk 0 writes the session's) and the scratch of threads 1, 2, … (thread 0, the calling one, uses the
 * session's).
 */
interface ThreadedLayout {
  readonly chunks: number;
  readonly threads: number;
  /** Chunk c ≥ 1: its N, S, Q at (c − 1)·chunkStride + N, S, Q. */
  readonly chunkStride: number;
  readonly N: number;
  readonly S: number;
  readonly Q: number;
  /** Thread t ≥ 1 (worker t − 1): its scratch at work + (t − 1)·workStride. */
  readonly work: number;
  readonly workStride: number;
  readonly bytes: number;
}

const align16 = (size: number): number => Math.ceil(size / 16) * 16;

function layoutThreaded(chunks: number, threads: number, d: number, kind: CovarianceKind, k: number, workBytes: number): ThreadedLayout {
  const N = 0;
  const S = N + align16(8 * k);
  const Q = S + align16(8 * k * d);
  const chunkStride = Q + align16(8 * secondMomentSize(kind, k, d));
  const workStride = align16(workBytes);
  const work = (chunks - 1) * chunkStride;
  // At least 16 bytes: an allocation of 0 bytes is not one.
  return { chunks, threads, chunkStride, N, S, Q, work, workStride, bytes: Math.max(16, work + (threads - 1) * workStride) };
}

/** 2^e with e the smallest integer such that max(weights) ≤ 2^e (1 when every weight is 0). */
function weightUnscale(weights: Float64Array): number {
  const max = weights.reduce((a, b) => Math.max(a, b), 0);
  return max > 0 ? 2 ** Math.ceil(Math.log2(max)) : 1;
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
  /** float32: the column centres subtracted from the data (and from the means of every call). */
  private readonly centre: Float64Array | undefined;
  /** float32: the factor the f32 weights were divided by (a power of two), multiplied back into the statistics. */
  private readonly unscale: number;
  /** Start of this session's allocation; 0 once disposed. */
  private base: number;
  /** What a threaded E-step needs beyond the session (allocated on its first call, at `base` of it). */
  private threaded: { readonly base: number; readonly layout: ThreadedLayout } | undefined;

  constructor(
    data: Float64Array,
    readonly rows: number,
    readonly cols: number,
    readonly kind: CovarianceKind,
    readonly k: number,
    private readonly dtype: KernelDtype,
    sampleWeight: Float64Array | undefined,
  ) {
    this.wasm = getExports();
    this.entry = entryPoints(this.wasm, kind, dtype, k, cols);
    this.weighted = sampleWeight !== undefined;
    this.layout = layoutSession(rows, cols, kind, k, dtype, this.entry.workBytes, this.weighted, this.wasm.dataBytes(rows, cols));
    const centre = dtype === 'float32' ? columnCentres(data, rows, cols) : undefined;
    this.centre = centre;
    this.unscale = sampleWeight && centre ? weightUnscale(sampleWeight) : 1;
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
    if (centre) {
      try {
        writeQuads(this.view32(this.layout.x, Math.ceil(rows / QUAD_ROWS) * QUAD_ROWS * cols), data, rows, cols, centre);
      } catch (error) {
        this.dispose(); // a value beyond the f32 range
        throw error;
      }
    } else {
      this.writeData(data);
    }
    if (sampleWeight) this.writeWeights(sampleWeight);
  }

  /** The float64 data, laid out by the kernel as it computes on it (assembly/data-layout.ts; its scratch holds a block). */
  private writeData(data: Float64Array): void {
    const { rows, cols, layout } = this;
    this.view(layout.x, rows * cols).set(data.subarray(0, rows * cols));
    this.wasm.layOutData(this.base + layout.x, rows, cols, this.base + layout.work);
  }

  /** The f64 weights (float32: padded with zeros to whole quads, plus their f32 copy divided by unscale). */
  private writeWeights(sampleWeight: Float64Array): void {
    const { rows, layout } = this;
    if (this.dtype === 'float64') {
      this.view(layout.weights, rows).set(sampleWeight);
      return;
    }
    const padded = Math.ceil(rows / QUAD_ROWS) * QUAD_ROWS;
    const weights = this.view(layout.weights, padded);
    weights.set(sampleWeight);
    weights.fill(0, rows);
    const weights32 = new Float32Array(this.wasm.memory.buffer, this.base + layout.weights32, padded);
    // Dividing by a power of two is exact: only the rounding to f32 changes the weights.
    for (let i = 0; i < padded; i++) weights32[i] = weights[i]! / this.unscale;
  }

  /** A fresh view: any allocation may have grown the memory and detached older views. */
  private view(offset: number, length: number): Float64Array {
    if (this.base === 0) throw new Error('the kernel session has been disposed');
    return new Float64Array(this.wasm.memory.buffer, this.base + offset, length);
  }

  /** A fresh f32 view of a float32 session's region. */
  private view32(offset: number, length: number): Float32Array {
    if (this.base === 0) throw new Error('the kernel session has been disposed');
    return new Float32Array(this.wasm.memory.buffer, this.base + offset, length);
  }

  private writeParams(params: KernelParams): void {
    const { cols: d, k, kind, layout, centre } = this;
    checkLength('means', params.means, k * d);
    checkLength('precChol', params.precChol, precCholSize(kind, k, d));
    checkLength('logConst', params.logConst, k);
    if (centre) {
      // Typed-array conversion rounds each value to the nearest f32.
      this.view32(layout.means, k * d).set(centredMeans(params.means, centre));
      this.view32(layout.precChol, params.precChol.length).set(params.precChol);
      this.view32(layout.logConst, k).set(params.logConst);
      return;
    }
    this.view(layout.means, k * d).set(params.means);
    this.view(layout.precChol, params.precChol.length).set(params.precChol);
    this.view(layout.logConst, k).set(params.logConst);
  }

  /** The arguments of the E-step export over rows [start, end) into statistics and scratch at N, S, Q, work. */
  private eStepArgs(start: number, end: number, N: number, S: number, Q: number, work: number): number[] {
    const at = (offset: number): number => this.base + offset;
    const { layout, weighted } = this;
    const args = [
      at(layout.x), this.cols, this.k, start, end, at(layout.means), at(layout.precChol), at(layout.logConst),
      N, S, Q, work, weighted ? at(layout.weights) : 0,
    ];
    if (this.dtype === 'float32') args.push(weighted ? at(layout.weights32) : 0, this.unscale);
    return args;
  }

  private readStats(stats: SufficientStats): void {
    const { cols: d, k, layout } = this;
    stats.N.set(this.view(layout.N, k));
    stats.S.set(this.view(layout.S, k * d));
    stats.Q.set(this.view(layout.Q, stats.Q.length));
  }

  private checkStats(stats: SufficientStats): void {
    const { cols: d, k, kind } = this;
    checkLength('stats.N', stats.N, k);
    checkLength('stats.S', stats.S, k * d);
    checkLength('stats.Q', stats.Q, secondMomentSize(kind, k, d));
  }

  eStep(params: KernelParams, start: number, end: number, stats: SufficientStats): number {
    checkRange(start, end, this.rows);
    this.checkStats(stats);
    this.writeParams(params);
    const { layout } = this;
    const at = (offset: number): number => this.base + offset;
    const logLikelihood = this.entry.eStep(...this.eStepArgs(start, end, at(layout.N), at(layout.S), at(layout.Q), at(layout.work)));
    this.readStats(stats);
    return logLikelihood;
  }

  /**
   * Rows every chunk of a threaded E-step but the last is a multiple of: float64 chunks start where the data's pairs
   * or blocks do, so they read them in place (assembly/data-layout.ts); float32 chunks sum whole f32 runs.
   */
  private chunkGranule(): number {
    return this.dtype === 'float32' ? this.wasm.blockRows32() : this.wasm.dataUnitRows(this.cols);
  }

  async eStepThreaded(params: KernelParams, threads: EStepThreads, stats: SufficientStats): Promise<number> {
    if (!(threads instanceof WorkerPool)) throw new TypeError('threads must come from the WebAssembly kernel\'s openThreads');
    this.checkStats(stats);
    const { rows, cols: d, k, layout } = this;
    const chunks = eStepChunks(rows, threads.count, this.chunkGranule());
    // Allocate before writing the parameters and starting workers: an allocation may grow the memory.
    const { base, layout: scratch } = this.ensureThreaded(chunks.length, threads.count);
    this.writeParams(params);
    const at = (offset: number): number => this.base + offset;
    const chunkStats = (c: number): { N: number; S: number; Q: number } => {
      if (c === 0) return { N: at(layout.N), S: at(layout.S), Q: at(layout.Q) };
      const block = base + (c - 1) * scratch.chunkStride;
      return { N: block + scratch.N, S: block + scratch.S, Q: block + scratch.Q };
    };
    const callsOf = (thread: number): ChunkCalls => {
      const work = thread === 0 ? at(layout.work) : base + scratch.work + (thread - 1) * scratch.workStride;
      return {
        name: this.entry.eStepName,
        chunks: chunks.map(([start, end], c) => {
          const { N, S, Q } = chunkStats(c);
          return this.eStepArgs(start, end, N, S, Q, work);
        }),
      };
    };
    const results = await threads.runChunks(chunks.length, callsOf, this.entry.eStep);
    this.readStats(stats);
    let logLikelihood = results[0]!;
    // Fixed order: chunk 1, 2, … added to chunk 0, whichever thread ran each.
    for (let c = 1; c < chunks.length; c++) {
      const { N, S, Q } = chunkStats(c);
      addInto(stats.N, this.view(N - this.base, k));
      addInto(stats.S, this.view(S - this.base, k * d));
      addInto(stats.Q, this.view(Q - this.base, stats.Q.length));
      logLikelihood += results[c]!;
    }
    return logLikelihood;
  }

  private ensureThreaded(chunks: number, threads: number): { readonly base: number; readonly layout: ThreadedLayout } {
    if (this.base === 0) throw new Error('the kernel session has been disposed');
    const held = this.threaded;
    if (held && held.layout.chunks >= chunks && held.layout.threads >= threads) return held;
    this.freeThreaded();
    const layout = layoutThreaded(chunks, threads, this.cols, this.kind, this.k, this.entry.workBytes);
    let base: number;
    try {
      base = this.wasm.alloc(layout.bytes) >>> 0;
    } catch (cause) {
      throw new RangeError(`cannot allocate ${layout.bytes} bytes of kernel memory for an E-step on ${threads} threads`, { cause });
    }
    this.threaded = { base, layout };
    return this.threaded;
  }

  private freeThreaded(): void {
    if (this.threaded) this.wasm.free(this.threaded.base);
    this.threaded = undefined;
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
    this.freeThreaded();
    this.wasm.free(this.base);
    this.base = 0;
  }
}

const wasmKernel: Kernel = {
  name: 'wasm-simd',
  createSession(data: Float64Array, rows: number, cols: number, shape: SessionShape, sampleWeight?: Float64Array): KernelSession {
    checkSessionInput(data, rows, cols, shape);
    checkSampleWeight(sampleWeight, rows);
    return new WasmSession(data, rows, cols, shape.kind, shape.k, shape.dtype ?? 'float64', sampleWeight);
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
