/** The fit settings (core's FitOptions) and the buttons that drive EM: Fit, Step, Play/Pause with speed, Reset. */
import { COVARIANCE_TYPES, INIT_PARAMS, type CovarianceType, type InitParams } from '@gmm/core';
import { useId } from 'react';
import type { FitSettings } from '../worker/messages.js';
import { NumberField } from './NumberField.js';

export type RunState = 'idle' | 'fitting' | 'playing';

interface Props {
  settings: FitSettings;
  onSettings: (settings: FitSettings) => void;
  runState: RunState;
  speed: number;
  onSpeed: (speed: number) => void;
  canFit: boolean;
  onFit: () => void;
  onStep: () => void;
  onPlay: () => void;
  onPause: () => void;
  onReset: () => void;
}

export function FitControls(props: Props) {
  const { settings, onSettings, runState, speed, onSpeed, canFit } = props;
  const id = useId();
  const set = (patch: Partial<FitSettings>) => onSettings({ ...settings, ...patch });
  const busy = runState !== 'idle';

  return (
    <section className="panel" aria-labelledby={`${id}-title`}>
      <h2 id={`${id}-title`}>Fit</h2>
      <div className="field-grid">
        <label>
          components k
          <input
            type="number"
            min={1}
            max={20}
            value={settings.nComponents}
            data-testid="k"
            onChange={(e) => set({ nComponents: e.target.valueAsNumber })}
          />
        </label>
        <label>
          covariance
          <select value={settings.covarianceType} data-testid="covariance" onChange={(e) => set({ covarianceType: e.target.value as CovarianceType })}>
            {COVARIANCE_TYPES.map((type) => (
              <option key={type}>{type}</option>
            ))}
          </select>
        </label>
        <label>
          initialisation
          <select value={settings.initParams} onChange={(e) => set({ initParams: e.target.value as InitParams })}>
            {INIT_PARAMS.map((init) => (
              <option key={init}>{init}</option>
            ))}
          </select>
        </label>
        <NumberField label="restarts nInit" value={settings.nInit} onChange={(nInit) => set({ nInit })} />
        <NumberField label="seed" value={settings.seed} onChange={(seed) => set({ seed })} />
        <NumberField label="tol" value={settings.tol} onChange={(tol) => set({ tol })} />
        <NumberField label="max iterations" value={settings.maxIter} onChange={(maxIter) => set({ maxIter })} />
        <NumberField label="regCovar" value={settings.regCovar} onChange={(regCovar) => set({ regCovar })} />
      </div>
      <div className="buttons">
        {runState === 'fitting' ? (
          <button type="button" onClick={props.onPause} data-testid="stop">
            Stop
          </button>
        ) : (
          <button type="button" className="primary" onClick={props.onFit} disabled={!canFit || busy} data-testid="fit">
            Fit
          </button>
        )}
        <button type="button" onClick={props.onStep} disabled={!canFit || busy} data-testid="step" title="One EM iteration">
          Step
        </button>
        {runState === 'playing' ? (
          <button type="button" onClick={props.onPause} data-testid="pause">
            Pause
          </button>
        ) : (
          <button type="button" onClick={props.onPlay} disabled={!canFit || busy} data-testid="play">
            Play
          </button>
        )}
        <button type="button" onClick={props.onReset} data-testid="reset">
          Reset
        </button>
      </div>
      <label className="speed">
        Play speed: {speed} iteration{speed === 1 ? '' : 's'} per second
        <input type="range" min={1} max={30} value={speed} onChange={(e) => onSpeed(e.target.valueAsNumber)} />
      </label>
    </section>
  );
}
