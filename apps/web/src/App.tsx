/** The demo page: owns the data, the fit settings and the latest fit, and talks to the fit worker. */
import type { Candidate, Criterion } from '@gmm/core';
import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { DataPanel } from './components/DataPanel.js';
import { FitControls, type RunState } from './components/FitControls.js';
import { LogLikelihoodChart } from './components/LogLikelihoodChart.js';
import { ModelFiles } from './components/ModelFiles.js';
import { ModelSelection, type SelectionState } from './components/ModelSelection.js';
import { ParameterTable } from './components/ParameterTable.js';
import { PlotArea } from './components/PlotArea.js';
import { PredictionPanel } from './components/PredictionPanel.js';
import type { Prediction } from './components/PredictionLayer.js';
import { StatusLine } from './components/StatusLine.js';
import { faithfulSource, selectColumns, type SourceData } from './data-sources.js';
import { blendAll } from './view/colors.js';
import { marginal } from './view/components.js';
import { niceDomain, paddedExtent } from './view/scales.js';
import { FitWorkerClient } from './worker/client.js';
import type { Conditional, FitSettings, FitUpdate, FromWorker, PredictRequest, RegressionCurve } from './worker/messages.js';

const DEFAULT_SETTINGS: FitSettings = {
  nComponents: 2,
  covarianceType: 'full',
  initParams: 'kmeans',
  nInit: 1,
  seed: 0,
  tol: 1e-3,
  maxIter: 100,
  regCovar: 1e-6,
};

/** As `gmm select`: criteria compare maximised likelihoods, so EM runs closer to convergence than fit's default. */
export const SELECT_SETTINGS = { tol: 1e-6, maxIter: 1000, nInit: 1, seed: 0 } as const;

export interface ViewChoice {
  x: number;
  y: number;
  fitOn: 'shown' | 'all';
}

export interface Failure {
  message: string;
  hint: string;
}

/** The data a fit was run on: a fit is shown only with those data (responsibilities are per row). */
interface FitData {
  source: SourceData;
  fitKey: string;
}

interface ShownFit {
  update: FitUpdate;
  data: FitData;
}

const AUTO_FIT_DELAY_MS = 250;

export function App() {
  const [source, setSource] = useState<SourceData>(faithfulSource);
  const [view, setView] = useState<ViewChoice>({ x: 0, y: 1, fitOn: 'shown' });
  const [settings, setSettings] = useState<FitSettings>(DEFAULT_SETTINGS);
  const [fit, setFit] = useState<ShownFit>();
  const [runState, setRunState] = useState<RunState>('idle');
  const [failure, setFailure] = useState<Failure>();
  const [speed, setSpeed] = useState(4);
  const [selection, setSelection] = useState<SelectionState>({ status: 'idle', criterion: 'bic', candidates: [], done: 0, total: 0 });
  const [hovered, setHovered] = useState<number>();
  const [predictOn, setPredictOn] = useState(false);
  const [regression, setRegression] = useState<RegressionCurve>();
  const [conditional, setConditional] = useState<Conditional>();

  const clientRef = useRef<FitWorkerClient>(undefined);
  const runRef = useRef(0);
  const selectRunRef = useRef(0);
  const dataRef = useRef<FitData>(undefined);
  const runDataRef = useRef<FitData>(undefined);

  const fitColumns = useMemo(() => {
    if (source.cols === 1) return [0];
    if (view.fitOn === 'all') return source.columns.map((_, c) => c);
    return [view.x, view.y];
  }, [source, view]);
  const fitKey = fitColumns.join(',');
  // Checked in render (not in an effect) so a fit of the previous data is never drawn over new data.
  if (dataRef.current?.source !== source || dataRef.current.fitKey !== fitKey) dataRef.current = { source, fitKey };
  const shownDims = source.cols === 1 ? [0] : [fitColumns.indexOf(view.x), fitColumns.indexOf(view.y)];

  const onMessage = useCallback((message: FromWorker) => {
    switch (message.type) {
      case 'update':
        if (message.runId !== runRef.current) return;
        if (runDataRef.current) setFit({ update: message, data: runDataRef.current });
        setFailure(undefined);
        if (!message.running) setRunState('idle');
        return;
      case 'stopped':
        if (message.runId === runRef.current) setRunState('idle');
        return;
      case 'error':
        if (message.runId === runRef.current) {
          setFailure({ message: message.message, hint: message.hint });
          setRunState('idle');
        } else if (message.runId === selectRunRef.current) {
          setSelection((s) => ({ ...s, status: 'failed', error: `${message.message} ${message.hint}` }));
        }
        return;
      case 'selectProgress':
        if (message.runId !== selectRunRef.current) return;
        setSelection((s) => ({ ...s, done: message.done, total: message.total, candidates: [...s.candidates, message.candidate] }));
        return;
      case 'selectDone':
        if (message.runId !== selectRunRef.current) return;
        setSelection((s) => ({ ...s, status: 'done', candidates: message.candidates, best: message.best }));
        return;
      case 'regression':
        setRegression(message.curve);
        return;
      case 'conditional':
        setConditional(message.conditional);
        return;
    }
  }, []);

  useEffect(() => {
    const client = new FitWorkerClient(onMessage, (message) => {
      setFailure({ message, hint: 'Reload the page; if it keeps happening, try a current Chromium or Firefox.' });
      setRunState('idle');
    });
    clientRef.current = client;
    return () => client.dispose();
  }, [onMessage]);

  const command = useCallback(
    (type: 'fit' | 'step' | 'play') => {
      const client = clientRef.current;
      if (!client) return;
      const runId = ++runRef.current;
      runDataRef.current = dataRef.current;
      setFailure(undefined);
      if (type === 'play') {
        client.send({ type, runId, settings, intervalMs: 1000 / speed });
      } else {
        client.send({ type, runId, settings });
      }
      setRunState(type === 'fit' ? 'fitting' : type === 'play' ? 'playing' : 'idle');
    },
    [settings, speed],
  );

  // NaN k still fits, so core's message names the bad setting.
  const enoughRows = source.rows > 0 && !(source.rows < settings.nComponents);

  // New data (or other columns to fit on): hand it to the worker.
  useEffect(() => {
    clientRef.current?.send({
      type: 'data',
      dataset: {
        data: selectColumns(source, fitColumns),
        rows: source.rows,
        cols: fitColumns.length,
        columns: fitColumns.map((c) => source.columns[c]!),
        missing: source.fitMissing ? 'em' : 'error',
      },
    });
    setHovered(undefined);
    setSelection((s) => ({ ...s, status: 'idle', candidates: [], best: undefined, done: 0, total: 0 }));
    // Deliberately partial dependencies: fitKey stands for fitColumns
  }, [source, fitKey]);

  // Data or settings changed: refit, after a pause so typing a number does not start a fit per keystroke.
  useEffect(() => {
    if (!enoughRows) {
      setFit(undefined);
      return;
    }
    const timer = setTimeout(() => command('fit'), AUTO_FIT_DELAY_MS);
    return () => clearTimeout(timer);
    // Deliberately partial dependencies: refit on data and settings only, not on speed
  }, [source, fitKey, settings, enoughRows]);

  const pause = () => clientRef.current?.send({ type: 'pause' });
  const reset = () => {
    runRef.current++;
    clientRef.current?.send({ type: 'reset' });
    setFit(undefined);
    setFailure(undefined);
    setRunState('idle');
  };
  const changeSpeed = (value: number) => {
    setSpeed(value);
    clientRef.current?.send({ type: 'speed', intervalMs: 1000 / value });
  };

  const runSelection = (criterion: Criterion) => {
    const runId = ++selectRunRef.current;
    setSelection({ status: 'running', criterion, candidates: [], done: 0, total: 0 });
    clientRef.current?.send({ type: 'select', runId, settings: { ...settings, ...SELECT_SETTINGS }, criterion });
  };
  const stopSelection = () => {
    selectRunRef.current++;
    runRef.current++;
    clientRef.current?.restart();
    setRunState('idle');
    setSelection((s) => ({ ...s, status: 'stopped' }));
  };
  const pickCandidate = (candidate: Candidate) =>
    setSettings((s) => ({ ...s, ...SELECT_SETTINGS, nComponents: candidate.nComponents, covarianceType: candidate.covarianceType }));

  const loadModel = (json: string) => {
    const runId = ++runRef.current;
    runDataRef.current = dataRef.current;
    clientRef.current?.send({ type: 'load', runId, json });
  };

  const current = fit && fit.data === dataRef.current ? fit.update : undefined;

  // "Predict y from x" needs a fit on exactly the two shown columns.
  const predictUnavailable =
    source.cols === 1
      ? 'Needs two columns.'
      : fitColumns.length !== 2 || shownDims[0] === shownDims[1]
        ? 'Fit on the two shown columns (and show two different ones) to predict one from the other.'
        : undefined;
  const xDomain = useMemo(
    () => (source.cols === 1 ? undefined : niceDomain(source.fixedDomain ?? paddedExtent(source.data, source.rows, source.cols, view.x))),
    [source, view.x],
  );
  const predictRequest: PredictRequest | undefined =
    predictOn && predictUnavailable === undefined && xDomain ? { inputDim: shownDims[0]!, domain: xDomain } : undefined;
  const predictKey = predictRequest && JSON.stringify(predictRequest);
  useEffect(() => {
    clientRef.current?.send({ type: 'predict', request: predictKey === undefined ? undefined : (JSON.parse(predictKey) as PredictRequest) });
    if (predictKey === undefined) {
      setRegression(undefined);
      setConditional(undefined);
    }
  }, [predictKey]);
  // Results computed from another update's model than the one shown are stale: never drawn.
  const prediction = useMemo<Prediction | undefined>(
    () =>
      predictKey !== undefined && current
        ? {
            curve: regression?.serial === current.serial ? regression : undefined,
            conditional: conditional?.serial === current.serial ? conditional : undefined,
          }
        : undefined,
    [predictKey, current, regression, conditional],
  );
  const pointerX = useCallback((x: number | undefined) => clientRef.current?.send({ type: 'condition', x }), []);
  const k = current?.components.length ?? 0;
  const colors = useMemo(() => (current ? blendAll(current.responsibilities, source.rows, current.components.length) : undefined), [current, source.rows]);
  const shownComponents = useMemo(
    () => current?.components.map((c) => marginal(c, shownDims)),
    // Deliberately partial dependencies: shownDims is derived from view and fitKey
    [current, view.x, view.y, fitKey],
  );

  return (
    <div className="app">
      <header className="app-header">
        <h1>Watch EM fit a Gaussian mixture</h1>
        <p>
          Each EM iteration gives every point a share in every component (the E-step), then moves each component to the
          weighted mean and spread of its share (the M-step). The fit runs in your browser, on a WebAssembly kernel, in a
          background worker.
        </p>
      </header>
      <aside className="controls">
        <DataPanel
          source={source}
          view={view}
          onSource={(next) => {
            setSource(next);
            setView({ x: 0, y: Math.min(1, next.cols - 1), fitOn: 'shown' });
          }}
          onView={setView}
        />
        <FitControls
          settings={settings}
          onSettings={setSettings}
          runState={runState}
          speed={speed}
          onSpeed={changeSpeed}
          canFit={enoughRows}
          onFit={() => command('fit')}
          onStep={() => command('step')}
          onPlay={() => command('play')}
          onPause={pause}
          onReset={reset}
        />
        <ModelFiles update={current} sourceName={source.name} rows={source.rows} fitMissing={source.fitMissing ?? false} onLoad={loadModel} onError={setFailure} />
      </aside>
      <main className="stage">
        <StatusLine update={current} runState={runState} source={source} fitColumns={fitColumns.map((c) => source.columns[c]!)} />
        {failure && (
          <div className="failure" role="alert" data-testid="error">
            <strong>{failure.message}</strong> {failure.hint}
          </div>
        )}
        <PlotArea
          source={source}
          xCol={source.cols === 1 ? 0 : view.x}
          yCol={source.cols === 1 ? undefined : view.y}
          components={shownComponents}
          colors={colors}
          responsibilities={current?.responsibilities}
          k={k}
          hovered={hovered}
          onHover={setHovered}
          onDraw={(next) => setSource(next)}
          prediction={prediction}
          onPointerX={pointerX}
        />
        {source.cols > 1 && (
          <PredictionPanel
            on={predictOn}
            onToggle={setPredictOn}
            unavailable={predictUnavailable}
            xName={source.columns[view.x]!}
            yName={source.columns[view.y]!}
            conditional={prediction?.conditional}
          />
        )}
      </main>
      <section className="details">
        <LogLikelihoodChart update={current} />
        <ParameterTable update={current} fitColumns={fitColumns.map((c) => source.columns[c]!)} shownComponents={shownComponents} />
        <ModelSelection
          state={selection}
          rows={source.rows}
          onRun={runSelection}
          onStop={stopSelection}
          onPick={pickCandidate}
        />
      </section>
    </div>
  );
}
