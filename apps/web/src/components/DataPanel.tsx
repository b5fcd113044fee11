/** Choose the data: built-in sets, a synthetic mixture, points drawn by hand or a CSV; and which columns to show and fit. */
import { useId, useState } from 'react';
import type { ViewChoice } from '../App.js';
import { countMissing, emptyDrawing, faithfulSource, irisSource, type SourceData } from '../data-sources.js';
import { CsvInput } from './CsvInput.js';
import { SyntheticForm } from './SyntheticForm.js';

type SourceKind = 'faithful' | 'iris' | 'synthetic' | 'draw' | 'csv';

const KINDS: { kind: SourceKind; label: string }[] = [
  { kind: 'faithful', label: 'Old Faithful' },
  { kind: 'iris', label: 'Iris' },
  { kind: 'synthetic', label: 'Synthetic' },
  { kind: 'draw', label: 'Draw' },
  { kind: 'csv', label: 'CSV' },
];

interface Props {
  source: SourceData;
  view: ViewChoice;
  onSource: (source: SourceData) => void;
  onView: (view: ViewChoice) => void;
}

/** "; 5 missing cells in 4 rows (fitted by EM); 3 rows with gaps are fitted but not drawn". */
function MissingSummary({ source, shown }: { source: SourceData; shown: number[] }) {
  const all = countMissing(source, source.columns.map((_, c) => c));
  const hidden = countMissing(source, shown).rows;
  const plural = (n: number, word: string) => `${n.toLocaleString('en')} ${word}${n === 1 ? '' : 's'}`;
  return (
    <span data-testid="missing-summary" data-cells={all.cells} data-rows={all.rows} data-hidden={hidden}>
      ; {plural(all.cells, 'missing cell')} in {plural(all.rows, 'row')} (fitted by EM)
      {hidden > 0 && `; ${plural(hidden, 'row')} with gaps ${hidden === 1 ? 'is' : 'are'} fitted but not drawn`}
    </span>
  );
}

export function DataPanel({ source, view, onSource, onView }: Props) {
  const [kind, setKind] = useState<SourceKind>('faithful');
  const id = useId();

  const choose = (next: SourceKind) => {
    setKind(next);
    if (next === 'faithful') onSource(faithfulSource());
    if (next === 'iris') onSource(irisSource());
    if (next === 'draw') onSource(emptyDrawing());
  };

  return (
    <section className="panel" aria-labelledby={`${id}-title`}>
      <h2 id={`${id}-title`}>Data</h2>
      <div className="segmented" role="radiogroup" aria-label="Data source">
        {KINDS.map(({ kind: k, label }) => (
          <label key={k} className={k === kind ? 'selected' : undefined}>
            <input type="radio" name={`${id}-kind`} value={k} checked={k === kind} onChange={() => choose(k)} />
            {label}
          </label>
        ))}
      </div>
      {kind === 'synthetic' && <SyntheticForm onSource={onSource} />}
      {kind === 'csv' && <CsvInput onSource={onSource} />}
      {kind === 'draw' && (
        <p className="hint">
          Click and drag on the plot to spray points ({source.rows} so far).{' '}
          <button type="button" onClick={() => onSource(emptyDrawing())}>
            Clear
          </button>
        </p>
      )}
      <p className="hint" data-testid="data-summary">
        {source.name}: {source.rows.toLocaleString('en')} rows × {source.cols} columns
        {source.fitMissing && <MissingSummary source={source} shown={source.cols === 1 ? [0] : [view.x, view.y]} />}
      </p>
      {source.cols > 2 && (
        <div className="field-grid">
          <label>
            x axis
            <select value={view.x} onChange={(e) => onView({ ...view, x: Number(e.target.value) })}>
              {source.columns.map((name, c) => (
                <option key={name} value={c} disabled={c === view.y}>
                  {name}
                </option>
              ))}
            </select>
          </label>
          <label>
            y axis
            <select value={view.y} onChange={(e) => onView({ ...view, y: Number(e.target.value) })}>
              {source.columns.map((name, c) => (
                <option key={name} value={c} disabled={c === view.x}>
                  {name}
                </option>
              ))}
            </select>
          </label>
          <fieldset className="wide">
            <legend>Fit on</legend>
            <label>
              <input type="radio" name={`${id}-fit-on`} checked={view.fitOn === 'shown'} onChange={() => onView({ ...view, fitOn: 'shown' })} />
              the two shown columns
            </label>
            <label>
              <input type="radio" name={`${id}-fit-on`} checked={view.fitOn === 'all'} onChange={() => onView({ ...view, fitOn: 'all' })} />
              all {source.cols} columns
            </label>
          </fieldset>
        </div>
      )}
    </section>
  );
}
