/** A labelled number input that keeps what is typed (so "1e-" can be on its way to "1e-4") and reports Number(text). */
import { useEffect, useState } from 'react';

interface Props {
  label: string;
  value: number;
  onChange: (value: number) => void;
  testId?: string;
}

export function NumberField({ label, value, onChange, testId }: Props) {
  const [text, setText] = useState(String(value));
  // A value set from outside (a model-selection pick) replaces the text unless the text already means it.
  useEffect(() => {
    setText((current) => (Number(current) === value ? current : String(value)));
  }, [value]);
  return (
    <label>
      {label}
      <input
        type="text"
        inputMode="decimal"
        value={text}
        data-testid={testId}
        aria-invalid={!Number.isFinite(Number(text)) || text.trim() === ''}
        onChange={(e) => {
          setText(e.target.value);
          onChange(e.target.value.trim() === '' ? Number.NaN : Number(e.target.value));
        }}
      />
    </label>
  );
}
