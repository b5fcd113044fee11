/**
 * Worker threads for the threaded E-step: Node `worker_threads` or browser Web Workers, each instantiating the
 * kernel module on the main thread's shared memory. Started once per fit, terminated by dispose().
 */
import { type ChunkCalls, RESULTS, claimChunks, createControl, watchFinished } from './claim-chunks.js';
import type { EStepThreads } from './types.js';
import type { SharedKernel } from './wasm.js';
import { WORKER_SOURCE } from './worker-source.js';

interface Reply {
  readonly ok: boolean;
  readonly value?: number;
  readonly error?: string;
}

/** What the pool needs of a worker, whichever kind it is. */
interface ThreadHandle {
  post(message: unknown): void;
  listen(onReply: (reply: Reply) => void, onError: (error: unknown) => void): void;
  terminate(): Promise<void>;
}

/** The members of a browser Worker used here (the DOM lib is not part of this package's types). */
interface BrowserWorker {
  postMessage(message: unknown): void;
  addEventListener(type: 'message', listener: (event: { data: Reply }) => void): void;
  addEventListener(type: 'error', listener: (event: { message: string }) => void): void;
  terminate(): void;
}

// Specifiers in variables so that bundlers for the browser leave these Node-only imports alone.
const NODE_WORKER_THREADS = 'node:worker_threads';
const NODE_OS = 'node:os';

let liveWorkers = 0;

/** Workers started and not yet terminated, in this thread (a fit that ends must leave none). */
export function liveWorkerCount(): number {
  return liveWorkers;
}

function inNode(): boolean {
  return typeof process !== 'undefined' && typeof process.versions?.node === 'string';
}

/** The number of cores the E-step may use: os.availableParallelism() in Node, navigator.hardwareConcurrency in browsers. */
export async function availableThreads(): Promise<number> {
  if (inNode()) {
    const os = (await import(/* @vite-ignore */ NODE_OS)) as typeof import('node:os');
    return os.availableParallelism();
  }
  const scope = globalThis as { navigator?: { hardwareConcurrency?: number } };
  return Math.max(1, scope.navigator?.hardwareConcurrency ?? 1);
}

async function startNodeWorker(): Promise<ThreadHandle> {
  const { Worker } = (await import(/* @vite-ignore */ NODE_WORKER_THREADS)) as typeof import('node:worker_threads');
  const worker = new Worker(WORKER_SOURCE, { eval: true });
  liveWorkers++;
  const exited = new Promise<void>((resolve) =>
    worker.once('exit', () => {
      liveWorkers--;
      resolve();
    }),
  );
  return {
    post: (message) => worker.postMessage(message),
    listen(onReply, onError) {
      worker.on('message', onReply);
      worker.on('error', onError);
    },
    async terminate() {
      await worker.terminate();
      await exited;
    },
  };
}

function startBrowserWorker(): ThreadHandle {
  const WorkerClass = (globalThis as unknown as { Worker: new (url: string) => BrowserWorker }).Worker;
  const url = URL.createObjectURL(new Blob([WORKER_SOURCE], { type: 'text/javascript' }));
  const worker = new WorkerClass(url);
  liveWorkers++;
  let terminated = false;
  return {
    post: (message) => worker.postMessage(message),
    listen(onReply, onError) {
      worker.addEventListener('message', (event) => onReply(event.data));
      worker.addEventListener('error', (event) => onError(new Error(event.message)));
    },
    async terminate() {
      if (terminated) return;
      terminated = true;
      worker.terminate();
      URL.revokeObjectURL(url);
      liveWorkers--;
    },
  };
}

/** One worker and its requests: it serves them in order, and its replies come back in that order. */
class Thread {
  readonly #handle: ThreadHandle;
  readonly #pending: Array<{ resolve(value: number): void; reject(error: unknown): void }> = [];
  #failure: unknown;

  constructor(handle: ThreadHandle) {
    this.#handle = handle;
    handle.listen(
      (reply) => {
        const pending = this.#pending.shift();
        if (reply.ok) pending?.resolve(reply.value ?? 0);
        else pending?.reject(new Error(`an E-step worker failed: ${reply.error}`));
      },
      (error) => {
        this.#failure = error;
        for (const pending of this.#pending.splice(0)) pending.reject(error);
      },
    );
  }

  /** Posts `message`; a request may be posted before the replies to earlier ones have arrived. */
  request(message: unknown): Promise<number> {
    if (this.#failure !== undefined) return Promise.reject(this.#failure);
    return new Promise((resolve, reject) => {
      this.#pending.push({ resolve, reject });
      this.#handle.post(message);
    });
  }

  terminate(): Promise<void> {
    return this.#handle.terminate();
  }
}

let warnedSingleThread = false;

/** Why memory cannot be shared here: a page that is not cross-origin isolated, or no SharedArrayBuffer at all. */
function unsharedMemoryCause(): string {
  const scope = globalThis as { crossOriginIsolated?: boolean };
  return scope.crossOriginIsolated === false
    ? 'the page is not cross-origin isolated, so WebAssembly memory cannot be shared with workers'
    : 'this JavaScript environment has no SharedArrayBuffer';
}

/** Says once per page or process that threads were wanted but the E-step runs on one thread: a fallback, not an error. */
function warnSingleThread(count: number): void {
  if (warnedSingleThread) return;
  warnedSingleThread = true;
  console.warn(
    `gmm: ${count} E-step threads were wanted but the fit runs on 1 thread: ${unsharedMemoryCause()}. ` +
      'To use threads, serve the page with the headers Cross-Origin-Opener-Policy: same-origin and ' +
      'Cross-Origin-Embedder-Policy: require-corp (the page is then crossOriginIsolated).',
  );
}

/** `count − 1` workers; range 0 of every E-step runs on the calling thread. */
export class WorkerPool implements EStepThreads {
  readonly count: number;
  #threads: Thread[];
  #disposed = false;

  private constructor(threads: Thread[]) {
    this.#threads = threads;
    this.count = threads.length + 1;
  }

  /**
   * Starts `count − 1` workers on `shared` and waits until each has instantiated the kernel. Without `shared`
   * (memory cannot be shared here) none: the pool has one thread, and the first such pool warns once.
   */
  static async open(shared: SharedKernel | undefined, count: number): Promise<WorkerPool> {
    if (!shared && count > 1) warnSingleThread(count);
    const threads: Thread[] = [];
    try {
      const workers = shared ? count - 1 : 0;
      for (let i = 0; i < workers; i++) {
        threads.push(new Thread(inNode() ? await startNodeWorker() : startBrowserWorker()));
      }
      await Promise.all(threads.map((thread) => thread.request(shared)));
      return new WorkerPool(threads);
    } catch (error) {
      await Promise.all(threads.map((thread) => thread.terminate()));
      throw error;
    }
  }

  /**
   * Runs chunks 0 … chunks − 1 once each, on the calling thread (callsOf(0), through `run`) and the workers (worker w:
   * callsOf(w + 1)), each thread claiming the next chunk as it finishes one. Resolves to their results in chunk order.
   */
  async runChunks(chunks: number, callsOf: (thread: number) => ChunkCalls, run: (...args: number[]) => number): Promise<Float64Array> {
    if (this.#disposed) throw new Error('the E-step threads have been disposed');
    const control = createControl(chunks, this.#threads.length > 0);
    // Workers with no chunk to claim are not asked.
    const replies = this.#threads.slice(0, chunks - 1).map((thread, w) => thread.request({ ...callsOf(w + 1), control }));
    claimChunks(control, run, callsOf(0));
    if (watchFinished(control, replies.length)) {
      // Done: the replies still come, and a worker that fails later rejects its next request.
      for (const reply of replies) reply.catch(() => {});
    } else {
      await Promise.all(replies);
    }
    return new Float64Array(control, RESULTS, chunks);
  }

  async dispose(): Promise<void> {
    this.#disposed = true;
    const threads = this.#threads;
    this.#threads = [];
    await Promise.all(threads.map((thread) => thread.terminate()));
  }
}
