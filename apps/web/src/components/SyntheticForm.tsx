/** Generate a random Gaussian mixture with @gmm/datasets: the same settings always give the same points. */
import { useState } from 'react';
import { syntheticSource, type SyntheticSettings } from '../data-sources.js';
import type { SourceData } from '../data-sources.js';

export function SyntheticForm({ onSource }: { onSource: (source: SourceData) => void }) {
  const [settings, setSettings] = useState<SyntheticSettings>({ k: 3, n: 1000, dims: 2, spread: 3, seed: 1 });
  const [error, setError] = useState<string>();
  const set = (patch: Partial<SyntheticSettings>) => setSettings((s) => ({ ...s, ...patch }));

  const generate = () => {
    try {
      onSource(syntheticSource(settings));
      setError(undefined);
    } catch (e) {
      setError((e as Error).message);
    }
  };

  return (
    <form
      className="field-grid"
      onSubmit={(e) => {
        e.preventDefault();
        generate();
      }}
    >
      <label>
        components k
        <input type="number" min={1} max={20} value={settings.k} onChange={(e) => set({ k: e.target.valueAsNumber })} />
      </label>
      <label>
        points n
        <input type="number" min={1} max={1000000} step={1} value={settings.n} onChange={(e) => set({ n: e.target.valueAsNumber })} />
      </label>
      <label>
        spread of the means
        <input type="number" min={0} step={0.5} value={settings.spread} onChange={(e) => set({ spread: e.target.valueAsNumber })} />
      </label>
      <label>
        seed
        <input type="number" min={0} value={settings.seed} onChange={(e) => set({ seed: e.target.valueAsNumber })} />
      </label>
      <label>
        dimensions
        <select value={settings.dims} onChange={(e) => set({ dims: Number(e.target.value) as 1 | 2 })}>
          <option value={2}>2 (scatter)</option>
          <option value={1}>1 (histogram)</option>
        </select>
      </label>
      <button type="submit" className="wide">
        Generate
      </button>
      {error && (
        <p className="field-error wide" role="alert">
          {error}
        </p>
      )}
    </form>
  );
}
