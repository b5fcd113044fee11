/** The "Predict y from x" switch and, at the pointer's x, the predicted y with its ±2σ and the components' weights given x. */
import { componentColor, rgbCss } from '../view/colors.js';
import { formatNumber } from '../view/format.js';
import type { Conditional } from '../worker/messages.js';

interface Props {
  on: boolean;
  onToggle: (on: boolean) => void;
  /** Why the view is unavailable, when it is. */
  unavailable: string | undefined;
  xName: string;
  yName: string;
  conditional: Conditional | undefined;
}

export function PredictionPanel({ on, onToggle, unavailable, xName, yName, conditional }: Props) {
  const sd = conditional && Math.sqrt(conditional.variance);
  return (
    <div className="prediction">
      <label className="checkbox" title={unavailable}>
        <input type="checkbox" data-testid="predict-toggle" checked={on} disabled={unavailable !== undefined} onChange={(e) => onToggle(e.target.checked)} />
        Predict {yName} from {xName}
      </label>
      {on && unavailable === undefined && (
        <p className="prediction-readout" role="status" data-testid="prediction" data-x={conditional?.x} data-mean={conditional?.mean}>
          {conditional && sd !== undefined ? (
            <>
              {xName} = {formatNumber(conditional.x)}: {yName} ≈ <strong>{formatNumber(conditional.mean)}</strong> ± {formatNumber(2 * sd)}{' '}
              (2σ). Weights given {xName}:{' '}
              {conditional.weights.map((w, j) => (
                <span key={j} className="prediction-weight" data-testid="conditional-weight">
                  <span className="swatch" style={{ background: rgbCss(componentColor(j)) }} /> {w.toFixed(3)}
                </span>
              ))}
            </>
          ) : (
            `Move the pointer over the plot to see p(${yName} | ${xName}).`
          )}
        </p>
      )}
    </div>
  );
}
