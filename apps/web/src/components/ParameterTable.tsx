/** The current weights, means and covariances, and each component's 1σ ellipse on the plotted columns. */
import { ellipseAxes } from '@gmm/core';
import { componentColor, rgbCss } from '../view/colors.js';
import type { ViewComponent } from '../view/components.js';
import { formatNumber } from '../view/format.js';
import type { FitUpdate } from '../worker/messages.js';

interface Props {
  update: FitUpdate | undefined;
  fitColumns: string[];
  shownComponents: ViewComponent[] | undefined;
}

/** Past this many columns the table shows variances instead of whole covariance matrices. */
const DENSE_LIMIT = 4;

function Matrix({ rows }: { rows: number[][] }) {
  return (
    <table className="matrix">
      <tbody>
        {rows.map((row, r) => (
          <tr key={r}>
            {row.map((v, c) => (
              <td key={c}>{formatNumber(v)}</td>
            ))}
          </tr>
        ))}
      </tbody>
    </table>
  );
}

function ellipseText(component: ViewComponent | undefined): string {
  if (!component) return '—';
  const { major, minor, angle } = ellipseAxes(component.covariance);
  return `${formatNumber(major, 3)} × ${formatNumber(minor, 3)} at ${formatNumber((angle * 180) / Math.PI, 3)}°`;
}

export function ParameterTable({ update, fitColumns, shownComponents }: Props) {
  const dense = fitColumns.length <= DENSE_LIMIT;
  const plane = shownComponents?.[0]?.mean.length === 2;
  return (
    <section className="panel" aria-labelledby="params-title">
      <h2 id="params-title">Components</h2>
      {!update ? (
        <p className="hint">No fit yet.</p>
      ) : (
        <div className="table-scroll">
          <table className="params" data-testid="components">
            <caption>
              Means in ({fitColumns.join(', ')}); {dense ? 'covariance matrices' : 'variances'}{plane && '; 1σ ellipse axes (standard deviations) and angle on the plot'}.
            </caption>
            <thead>
              <tr>
                <th scope="col">#</th>
                <th scope="col">weight</th>
                <th scope="col">mean</th>
                <th scope="col">{dense ? 'covariance' : 'variances'}</th>
                {plane && <th scope="col">1σ ellipse</th>}
              </tr>
            </thead>
            <tbody>
              {update.components.map((component, j) => (
                <tr key={j} data-testid="component-row">
                  <th scope="row">
                    <span className="swatch" style={{ background: rgbCss(componentColor(j)) }} /> {j + 1}
                  </th>
                  <td className="num">{formatNumber(component.weight, 3)}</td>
                  <td className="num">{component.mean.map((m) => formatNumber(m)).join(', ')}</td>
                  <td>{dense ? <Matrix rows={component.covariance} /> : component.covariance.map((row, c) => formatNumber(row[c]!)).join(', ')}</td>
                  {plane && <td data-testid="ellipse">{ellipseText(shownComponents?.[j])}</td>}
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
}
