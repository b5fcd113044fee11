/** A CSV of one's own: choose or drop a file, or paste text; pick the columns; errors name the row and column. */
import { useId, useState } from 'react';
import type { SourceData } from '../data-sources.js';
import { CsvError, defaultColumns, MISSING_OPTION_LABEL, parseCsvText, pickColumns, type CsvTable } from '../view/csv.js';

interface Loaded {
  name: string;
  table: CsvTable;
  picked: number[];
}

export function CsvInput({ onSource }: { onSource: (source: SourceData) => void }) {
  const [loaded, setLoaded] = useState<Loaded>();
  const [error, setError] = useState<string>();
  const [pasted, setPasted] = useState('');
  const [dragging, setDragging] = useState(false);
  const [allowMissing, setAllowMissing] = useState(false);
  const id = useId();

  const apply = (name: string, table: CsvTable, picked: number[], fitMissing = allowMissing) => {
    setLoaded({ name, table, picked });
    try {
      const { columns, data, rows, cols } = pickColumns(table, picked, fitMissing);
      onSource({ name, columns, data, rows, cols, ...(fitMissing && { fitMissing }) });
      setError(undefined);
    } catch (e) {
      setError(e instanceof CsvError ? e.message : `Could not read the CSV: ${(e as Error).message}`);
    }
  };

  const read = (name: string, text: string) => {
    try {
      const table = parseCsvText(text);
      apply(name, table, defaultColumns(table));
    } catch (e) {
      setLoaded(undefined);
      setError(`${name}: ${(e as Error).message}`);
    }
  };

  const readFile = async (file: File | undefined) => {
    if (!file) return;
    try {
      read(file.name, await file.text());
    } catch (e) {
      setError(`Could not read ${file.name}: ${(e as Error).message}`);
    }
  };

  const toggle = (column: number) => {
    if (!loaded) return;
    const picked = loaded.picked.includes(column) ? loaded.picked.filter((c) => c !== column) : [...loaded.picked, column].sort((a, b) => a - b);
    apply(loaded.name, loaded.table, picked);
  };

  return (
    <div
      className={`csv-input${dragging ? ' dragging' : ''}`}
      onDragOver={(e) => {
        e.preventDefault();
        setDragging(true);
      }}
      onDragLeave={() => setDragging(false)}
      onDrop={(e) => {
        e.preventDefault();
        setDragging(false);
        void readFile(e.dataTransfer.files[0]);
      }}
    >
      <label>
        Choose or drop a CSV file
        <input type="file" accept=".csv,.tsv,.txt,text/csv" data-testid="csv-file" onChange={(e) => void readFile(e.target.files?.[0])} />
      </label>
      <label htmlFor={`${id}-paste`}>…or paste CSV text</label>
      <textarea id={`${id}-paste`} rows={3} value={pasted} placeholder={'x,y\n1.2,3.4\n…'} onChange={(e) => setPasted(e.target.value)} />
      <button type="button" disabled={pasted.trim() === ''} onClick={() => read('pasted data', pasted)}>
        Use pasted data
      </button>
      <label className="checkbox" title="Empty, NaN and NA cells become missing values; EM fits each row on the values it has.">
        <input
          type="checkbox"
          data-testid="csv-missing"
          checked={allowMissing}
          onChange={(e) => {
            setAllowMissing(e.target.checked);
            if (loaded) apply(loaded.name, loaded.table, loaded.picked, e.target.checked);
          }}
        />
        {MISSING_OPTION_LABEL}
      </label>
      {loaded && (
        <fieldset>
          <legend>Columns to use ({loaded.table.records.length} rows)</legend>
          {loaded.table.columns.map((name, c) => (
            <label key={`${c}-${name}`} className="checkbox">
              <input type="checkbox" checked={loaded.picked.includes(c)} onChange={() => toggle(c)} />
              {name}
            </label>
          ))}
        </fieldset>
      )}
      {error && (
        <p className="field-error" role="alert" data-testid="csv-error">
          {error}
        </p>
      )}
    </div>
  );
}
