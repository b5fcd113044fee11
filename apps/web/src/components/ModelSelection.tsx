/** BIC or AIC over k = 1..9 × the four covariance types, with progress; picking a cell loads that model. */
import { COVARIANCE_TYPES, type Candidate, type Criterion } from '@gmm/core';
import { scaleLinear } from 'd3-scale';
import { line } from 'd3-shape';
import { useRef, useState } from 'react';
import { componentColor, rgbCss } from '../view/colors.js';
import { formatNumber } from '../view/format.js';
import { bestCandidate, criterionSeries } from '../view/selection.js';
import { useWidth } from './useSize.js';

export interface SelectionState {
  status: 'idle' | 'running' | 'done' | 'stopped' | 'failed';
  criterion: Criterion;
  candidates: Candidate[];
  done: number;
  total: number;
  best?: Candidate;
  error?: string;
}

interface Props {
  state: SelectionState;
  rows: number;
  onRun: (criterion: Criterion) => void;
  onStop: () => void;
  onPick: (candidate: Candidate) => void;
}

const M = { top: 10, right: 12, bottom: 34, left: 62 };
const MAX_K = 9;

export function ModelSelection({ state, rows, onRun, onStop, onPick }: Props) {
  const [criterion, setCriterion] = useState<Criterion>('bic');
  const box = useRef<HTMLDivElement>(null);
  const width = useWidth(box, 320);
  const height = 200;
  const { candidates } = state;
  const shown = state.criterion;
  const series = criterionSeries(candidates, shown, COVARIANCE_TYPES);
  const values = series.flatMap((s) => s.points.map((p) => p.value));
  const best = state.best ?? bestCandidate(candidates, shown);
  const maxK = Math.min(MAX_K, Math.max(1, rows));
  const x = scaleLinear().domain([1, Math.max(2, maxK)]).range([M.left, width - M.right]);
  const y = scaleLinear()
    .domain(values.length ? [Math.min(...values), Math.max(...values)] : [0, 1])
    .nice()
    .range([height - M.bottom, M.top]);
  const path = line<{ k: number; value: number }>().x((p) => x(p.k)).y((p) => y(p.value));
  const bottom = height - M.bottom;
  const find = (k: number, type: string) => candidates.find((c) => c.nComponents === k && c.covarianceType === type);
  const isBest = (c: Candidate | undefined) => c !== undefined && best !== undefined && c.nComponents === best.nComponents && c.covarianceType === best.covarianceType;

  return (
    <section className="panel" aria-labelledby="select-title">
      <h2 id="select-title">Model selection</h2>
      <p className="hint">Fits every k = 1..{maxK} with each covariance type (tol 1e-6, max 1000 iterations, seed 0, as gmm select) and ranks them; lower is better.</p>
      <div className="buttons">
        <label>
          criterion
          <select value={criterion} onChange={(e) => setCriterion(e.target.value as Criterion)} disabled={state.status === 'running'}>
            <option value="bic">BIC</option>
            <option value="aic">AIC</option>
            <option value="icl">ICL</option>
          </select>
        </label>
        {state.status === 'running' ? (
          <button type="button" onClick={onStop} data-testid="select-stop">
            Stop
          </button>
        ) : (
          <button type="button" className="primary" onClick={() => onRun(criterion)} data-testid="select-run" disabled={rows < 1}>
            Run model selection
          </button>
        )}
      </div>
      {state.status === 'running' && (
        <label className="progress">
          {state.done} of {state.total || '…'} candidates
          <progress max={state.total || 1} value={state.done} data-testid="select-progress" />
        </label>
      )}
      {state.status === 'stopped' && <p className="hint">Stopped after {state.done} candidates.</p>}
      {state.error && (
        <p className="field-error" role="alert">
          {state.error}
        </p>
      )}
      {best && state.status === 'done' && (
        <p className="best" data-testid="selection-best" data-k={best.nComponents} data-covariance={best.covarianceType}>
          Best by {shown.toUpperCase()}: {best.covarianceType}, k = {best.nComponents} ({shown.toUpperCase()} {formatNumber(best[shown], 6)})
        </p>
      )}
      {candidates.length > 0 && (
        <>
          <div ref={box}>
            <svg width={width} height={height} role="img" aria-label={`${shown.toUpperCase()} by number of components, one line per covariance type`}>
              <g className="axis">
                <line x1={M.left} x2={width - M.right} y1={bottom} y2={bottom} />
                {Array.from({ length: maxK }, (_, i) => i + 1).map((k) => (
                  <text key={k} x={x(k)} y={bottom + 16} textAnchor="middle">
                    {k}
                  </text>
                ))}
                <text x={M.left + (width - M.left - M.right) / 2} y={height - 4} textAnchor="middle">
                  components k
                </text>
                <line x1={M.left} x2={M.left} y1={M.top} y2={bottom} />
                {y.ticks(4).map((t) => (
                  <text key={t} x={M.left - 6} y={y(t)} dy="0.32em" textAnchor="end">
                    {y.tickFormat(4)(t)}
                  </text>
                ))}
              </g>
              {series.map((s, i) => (
                <g key={s.covarianceType}>
                  <path d={path(s.points) ?? ''} fill="none" stroke={rgbCss(componentColor(i))} strokeWidth={2} />
                  {s.points.map((p) => (
                    <circle
                      key={p.k}
                      cx={x(p.k)}
                      cy={y(p.value)}
                      r={isBest(p.candidate) ? 6 : 3.5}
                      fill={rgbCss(componentColor(i))}
                      stroke={isBest(p.candidate) ? '#000' : 'none'}
                      className="clickable"
                      onClick={() => onPick(p.candidate)}
                    >
                      <title>{`${s.covarianceType}, k = ${p.k}: ${shown.toUpperCase()} ${formatNumber(p.value, 6)}`}</title>
                    </circle>
                  ))}
                </g>
              ))}
            </svg>
          </div>
          <div className="legend">
            {COVARIANCE_TYPES.map((type, i) => (
              <span key={type}>
                <span className="swatch" style={{ background: rgbCss(componentColor(i)) }} /> {type}
              </span>
            ))}
          </div>
          <div className="table-scroll">
            <table className="selection-grid" data-testid="selection-grid">
              <caption>{shown.toUpperCase()} of each candidate: choose one to load it.</caption>
              <thead>
                <tr>
                  <th scope="col">k</th>
                  {COVARIANCE_TYPES.map((type) => (
                    <th key={type} scope="col">
                      {type}
                    </th>
                  ))}
                </tr>
              </thead>
              <tbody>
                {Array.from({ length: maxK }, (_, i) => i + 1).map((k) => (
                  <tr key={k}>
                    <th scope="row">{k}</th>
                    {COVARIANCE_TYPES.map((type) => {
                      const c = find(k, type);
                      return (
                        <td key={type} className={isBest(c) ? 'best-cell' : undefined}>
                          {c ? (
                            <button type="button" onClick={() => onPick(c)} disabled={c.error !== undefined} title={c.error ?? `Load ${type}, k = ${k}`}>
                              {c.error ? 'failed' : formatNumber(c[shown], 6)}
                            </button>
                          ) : (
                            '…'
                          )}
                        </td>
                      );
                    })}
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        </>
      )}
    </section>
  );
}
