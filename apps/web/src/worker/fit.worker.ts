/// <reference lib="webworker" />
/**
 * The fit worker: holds the data, drives core's fitSteps one EM iteration at a time (so the page can watch,
 * pause and step), runs model selection, and loads model files. The page never runs EM itself.
 */
import { fitSteps, GaussianMixture, selectModel, type Criterion, type FitStep, type Reset } from '@gmm/core';
import type { ViewComponent } from '../view/components.js';
import { describeFailure } from './failure.js';
import type { FitSettings, FitUpdate, FromWorker, PredictRequest, ToWorker, WorkerData } from './messages.js';
import { conditionalAt, regressionCurve } from './predict.js';
import { rowResponsibilities } from './responsibilities.js';
import { fitThreads, type FitThreads } from './threads.js';

const scope = self as unknown as DedicatedWorkerGlobalScope;

interface CurrentFit {
  key: string;
  settings: FitSettings;
  runId: number;
  generator: AsyncGenerator<FitStep, GaussianMixture>;
  finished: boolean;
  /** Resets of the current restart so far. */
  resets: Reset[];
  threads: FitThreads;
  /** Set when the fit is forgotten (new data, settings or model): its loop then leaves the generator alone. */
  dropped: boolean;
}

const POST_INTERVAL_MS = 50;
/** A fit running flat out lets messages (pause, new settings) in this often. */
const YIELD_INTERVAL_MS = 30;

let dataset: WorkerData | undefined;
let current: CurrentFit | undefined;
/** Bumped to stop the running loop: a loop runs while its token is the latest. */
let loopToken = 0;
let playIntervalMs = 200;
/** Builds the update of the latest iteration not yet sent, for when a fast fit is paused on it. */
let lazyUnsent: (() => FitUpdate) | undefined;
let serial = 0;
/** The model behind each built update, so the one on screen can answer prediction requests. */
const modelOf = new WeakMap<FitUpdate, GaussianMixture>();
/** The model of the last update sent: the one the page shows. */
let shown: { serial: number; model: GaussianMixture } | undefined;
let predictRequest: PredictRequest | undefined;
let pointerX: number | undefined;

const post = (message: FromWorker, transfer: Transferable[] = []) => scope.postMessage(message, transfer);
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

function requireData(): WorkerData {
  if (!dataset) throw new Error('no data loaded yet');
  return dataset;
}

const matrix = (d: WorkerData) => ({ data: d.data, rows: d.rows, cols: d.cols });

/** The E-step threads for fits of `d`: several where the page is cross-origin isolated and the data is large enough. */
const threadsFor = (d: WorkerData) => fitThreads(d.rows, navigator.hardwareConcurrency, scope.crossOriginIsolated);

/** Forgets the current fit, ending its generator so that its kernel memory and E-step workers are released. */
function dropCurrent(): void {
  if (current) {
    current.dropped = true;
    void current.generator.return(undefined as never);
  }
  current = undefined;
}

function components(model: GaussianMixture): ViewComponent[] {
  return model.weights.map((weight, j) => ({ weight, mean: [...model.means[j]!], covariance: model.componentCovariance(j) }));
}

function updateFrom(
  model: GaussianMixture,
  fields: Pick<FitUpdate, 'runId' | 'init' | 'nInit' | 'iteration' | 'lowerBounds' | 'converged' | 'finished' | 'msPerIteration' | 'resets' | 'threads'>,
): FitUpdate {
  const update: FitUpdate = {
    type: 'update',
    serial: ++serial,
    covarianceType: model.covarianceType,
    ...fields,
    components: components(model),
    responsibilities: rowResponsibilities(model, requireData()),
    ...(fields.finished && { model: model.toJSON() }),
    running: false,
  };
  modelOf.set(update, model);
  return update;
}

function send(update: FitUpdate, running: boolean): void {
  const model = modelOf.get(update);
  shown = model && { serial: update.serial, model };
  post({ ...update, running }, [update.responsibilities.buffer]);
  if (predictRequest) {
    postRegression();
    postConditional();
  }
}

/** The shown model's regression curve, when the page asks for one and the model has the two columns. */
function postRegression(): void {
  if (!shown || !predictRequest || shown.model.nFeatures !== 2) return;
  const curve = regressionCurve(shown.model, shown.serial, predictRequest);
  post({ type: 'regression', curve }, [curve.xs.buffer, curve.mean.buffer, curve.variance.buffer]);
}

function postConditional(): void {
  if (!shown || !predictRequest || shown.model.nFeatures !== 2 || pointerX === undefined) {
    post({ type: 'conditional', conditional: undefined });
    return;
  }
  post({ type: 'conditional', conditional: conditionalAt(shown.model, shown.serial, predictRequest.inputDim, pointerX) });
}

function ensureFit(runId: number, settings: FitSettings): CurrentFit {
  const key = JSON.stringify(settings);
  if (!current || current.finished || current.key !== key) {
    dropCurrent();
    const data = requireData();
    const threads = threadsFor(data);
    current = {
      key,
      settings,
      runId,
      generator: fitSteps(matrix(data), { ...settings, featureNames: data.columns, missing: data.missing, threads: threads.count }),
      finished: false,
      resets: [],
      threads,
      dropped: false,
    };
  }
  current.runId = runId;
  return current;
}

/** One EM iteration; returns the update to show (computing responsibilities only when `render`). */
async function advance(fit: CurrentFit, render: boolean): Promise<FitUpdate | undefined> {
  const started = performance.now();
  const next = await fit.generator.next();
  const msPerIteration = performance.now() - started;
  // Forgotten while this iteration ran: the generator has been ended, nothing more to show.
  if (fit.dropped) return undefined;
  if (next.done) throw new Error('the fit ended without a final iteration');
  const step = next.value;
  if (step.iteration === 1) fit.resets = [];
  fit.resets.push(...step.resets);
  const { nInit, maxIter } = fit.settings;
  const common = { runId: fit.runId, init: step.init, nInit, msPerIteration, threads: fit.threads };
  if (step.init === nInit - 1 && (step.converged || step.iteration === maxIter)) {
    // The last iteration of the last restart: take the fitted model (the best restart) right away.
    const done = await fit.generator.next();
    if (!done.done) throw new Error('the fit went on after its last iteration');
    fit.finished = true;
    const model = done.value;
    return updateFrom(model, {
      ...common,
      iteration: model.nIter,
      lowerBounds: [...model.lowerBounds],
      converged: model.converged,
      finished: true,
      resets: [...model.resets],
    });
  }
  const build = () =>
    updateFrom(step.model, {
      ...common,
      iteration: step.iteration,
      lowerBounds: [...step.model.lowerBounds],
      converged: step.converged,
      finished: false,
      resets: [...fit.resets],
    });
  if (render) return build();
  // Fits running flat out post at most every POST_INTERVAL_MS; deferred: built only if this iteration turns out to be the one left on screen.
  lazyUnsent = build;
  return undefined;
}

function flushUnsent(): void {
  if (lazyUnsent) {
    const update = lazyUnsent();
    lazyUnsent = undefined;
    send(update, false);
  }
}

async function drive(fit: CurrentFit, token: number, mode: 'run' | 'play' | 'step'): Promise<void> {
  let lastPost = 0;
  let lastYield = performance.now();
  for (;;) {
    const render = mode !== 'run' || performance.now() - lastPost >= POST_INTERVAL_MS;
    const update = await advance(fit, render);
    if (token !== loopToken) return;
    const keepGoing = mode !== 'step' && !fit.finished;
    if (update) {
      lazyUnsent = undefined;
      send(update, keepGoing);
      lastPost = performance.now();
    }
    if (!keepGoing) return;
    if (mode === 'play') {
      await sleep(playIntervalMs);
      lastYield = performance.now();
    } else if (performance.now() - lastYield >= YIELD_INTERVAL_MS) {
      await sleep(0);
      lastYield = performance.now();
    }
    if (token !== loopToken) return;
  }
}

async function runFit(runId: number, settings: FitSettings, mode: 'run' | 'play' | 'step'): Promise<void> {
  const token = ++loopToken;
  lazyUnsent = undefined;
  let fit: CurrentFit | undefined;
  try {
    fit = ensureFit(runId, settings);
    await drive(fit, token, mode);
  } catch (error) {
    // A fit forgotten meanwhile fails quietly, leaving the newer one alone.
    if (fit?.dropped) return;
    dropCurrent();
    lazyUnsent = undefined;
    post({ type: 'error', runId, ...describeFailure(error) });
  }
}

async function runSelection(runId: number, settings: FitSettings, criterion: Criterion): Promise<void> {
  try {
    const data = requireData();
    const { tol, maxIter, nInit, seed, regCovar, initParams } = settings;
    const selection = await selectModel(matrix(data), {
      tol,
      maxIter,
      nInit,
      seed,
      regCovar,
      initParams,
      criterion,
      missing: data.missing,
      threads: threadsFor(data).count,
      onProgress: (done, total, candidate) => post({ type: 'selectProgress', runId, done, total, candidate }),
    });
    const { model: _model, ...best } = selection.best;
    post({ type: 'selectDone', runId, criterion, candidates: selection.candidates, best });
  } catch (error) {
    post({ type: 'error', runId, ...describeFailure(error) });
  }
}

function loadModel(runId: number, json: string): void {
  try {
    const data = requireData();
    const model = GaussianMixture.fromJSON(json);
    if (model.nFeatures !== data.cols) {
      throw new Error(`The model has ${model.nFeatures} features but the data being fitted has ${data.cols} (${data.columns.join(', ')}): load data with the model's columns, or pick as many columns.`);
    }
    loopToken++;
    dropCurrent();
    send(
      updateFrom(model, {
        runId,
        init: 0,
        nInit: 1,
        iteration: model.nIter,
        lowerBounds: [...model.lowerBounds],
        converged: model.converged,
        finished: true,
        msPerIteration: 0,
        resets: [...model.resets],
      }),
      false,
    );
  } catch (error) {
    post({ type: 'error', runId, ...describeFailure(error) });
  }
}

scope.onmessage = (event: MessageEvent<ToWorker>) => {
  const message = event.data;
  switch (message.type) {
    case 'data':
      loopToken++;
      dataset = message.dataset;
      dropCurrent();
      shown = undefined;
      return;
    case 'fit':
      void runFit(message.runId, message.settings, 'run');
      return;
    case 'step':
      loopToken++;
      void runFit(message.runId, message.settings, 'step');
      return;
    case 'play':
      playIntervalMs = message.intervalMs;
      void runFit(message.runId, message.settings, 'play');
      return;
    case 'speed':
      playIntervalMs = message.intervalMs;
      return;
    case 'pause':
      loopToken++;
      flushUnsent();
      if (current) post({ type: 'stopped', runId: current.runId });
      return;
    case 'reset':
      loopToken++;
      lazyUnsent = undefined;
      dropCurrent();
      shown = undefined;
      return;
    case 'select':
      void runSelection(message.runId, message.settings, message.criterion);
      return;
    case 'load':
      loadModel(message.runId, message.json);
      return;
    case 'predict':
      predictRequest = message.request;
      postRegression();
      postConditional();
      return;
    case 'condition':
      pointerX = message.x;
      postConditional();
      return;
  }
};
