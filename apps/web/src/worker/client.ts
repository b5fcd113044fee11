/** The page's handle on the fit worker: typed messages in and out, and a hard stop that restarts the worker (keeping its data and prediction request). */
import type { FromWorker, ToWorker, WorkerData } from './messages.js';

export class FitWorkerClient {
  #worker: Worker;
  #dataset: WorkerData | undefined;
  #predict: ToWorker | undefined;
  readonly #onMessage: (message: FromWorker) => void;
  readonly #onCrash: (message: string) => void;

  constructor(onMessage: (message: FromWorker) => void, onCrash: (message: string) => void) {
    this.#onMessage = onMessage;
    this.#onCrash = onCrash;
    this.#worker = this.#spawn();
  }

  #spawn(): Worker {
    const worker = new Worker(new URL('./fit.worker.ts', import.meta.url), { type: 'module', name: 'gmm-fit' });
    worker.onmessage = (event: MessageEvent<FromWorker>) => this.#onMessage(event.data);
    worker.onerror = (event) => {
      event.preventDefault();
      this.#onCrash(`The fit worker failed: ${event.message || 'it could not start (is this browser current?)'}`);
    };
    worker.onmessageerror = () => this.#onCrash('The fit worker sent a message the page could not read.');
    return worker;
  }

  send(message: ToWorker): void {
    if (message.type === 'data') this.#dataset = message.dataset;
    if (message.type === 'predict') this.#predict = message;
    this.#worker.postMessage(message);
  }

  /** Stops whatever the worker is doing at once (even mid-iteration) and starts a fresh one with the same data. */
  restart(): void {
    this.#worker.terminate();
    this.#worker = this.#spawn();
    if (this.#dataset) this.#worker.postMessage({ type: 'data', dataset: this.#dataset } satisfies ToWorker);
    if (this.#predict) this.#worker.postMessage(this.#predict);
  }

  dispose(): void {
    this.#worker.terminate();
  }
}
