/** Export the fitted model (core's JSON, as `gmm fit -o`), import one, export labels or responsibilities as CSV. */
import type { Failure } from '../App.js';
import { downloadText, fileStem } from '../download.js';
import { labelsCsv, responsibilitiesCsv } from '../view/export.js';
import type { FitUpdate } from '../worker/messages.js';

interface Props {
  update: FitUpdate | undefined;
  sourceName: string;
  rows: number;
  /** Rows with missing values: their labels and responsibilities come from their observed values. */
  fitMissing: boolean;
  onLoad: (json: string) => void;
  onError: (failure: Failure) => void;
}

export function ModelFiles({ update, sourceName, rows, fitMissing, onLoad, onError }: Props) {
  const stem = fileStem(sourceName);
  const k = update?.components.length ?? 0;
  const readModel = async (file: File | undefined) => {
    if (!file) return;
    try {
      onLoad(await file.text());
    } catch (e) {
      onError({ message: `Could not read ${file.name}: ${(e as Error).message}`, hint: 'Choose the file again.' });
    }
  };
  return (
    <section className="panel" aria-labelledby="files-title">
      <h2 id="files-title">Model files</h2>
      <div className="buttons">
        <button
          type="button"
          data-testid="export-model"
          disabled={!update?.model}
          title={update?.model ? undefined : 'Finish a fit first'}
          onClick={() => update?.model && downloadText(`${stem}-gmm-model.json`, `${JSON.stringify(update.model, null, 2)}\n`, 'application/json')}
        >
          Export model JSON
        </button>
        <button type="button" disabled={!update} onClick={() => update && downloadText(`${stem}-labels.csv`, labelsCsv(update.responsibilities, rows, k), 'text/csv')}>
          Export labels CSV
        </button>
        <button
          type="button"
          disabled={!update}
          onClick={() => update && downloadText(`${stem}-responsibilities.csv`, responsibilitiesCsv(update.responsibilities, rows, k), 'text/csv')}
        >
          Export responsibilities CSV
        </button>
      </div>
      {fitMissing && (
        <p className="hint" data-testid="export-missing-note">
          Rows with missing values are kept in the CSV exports, labelled from the values they have (the mixture's marginal over
          their observed columns, as EM fitted them).
        </p>
      )}
      <label>
        Import model JSON
        <input type="file" accept=".json,application/json" data-testid="import-model" onChange={(e) => void readModel(e.target.files?.[0])} />
      </label>
    </section>
  );
}
