/** A point's values and its responsibility per component, as numbers and bars. */
import { componentColor, rgbCss } from '../view/colors.js';
import { formatNumber } from '../view/format.js';
import type { HoverPoint } from './PlotArea.js';

interface Props {
  point: HoverPoint;
  values: { name: string; value: number }[];
  responsibilities: Float64Array;
  plotWidth: number;
}

export function Tooltip({ point, values, responsibilities, plotWidth }: Props) {
  // Flip to the left of the point near the right edge so the tooltip stays inside the plot.
  const left = point.left > plotWidth - 230 ? point.left - 222 : point.left + 14;
  return (
    <div className="tooltip" role="status" data-testid="tooltip" style={{ left, top: point.top + 10 }}>
      <div className="tooltip-title">
        Row {point.row + 1}: {values.map((v) => `${v.name} ${formatNumber(v.value)}`).join(', ')}
      </div>
      <table>
        <tbody>
          {Array.from(responsibilities, (r, j) => (
            <tr key={j}>
              <th scope="row">
                <span className="swatch" style={{ background: rgbCss(componentColor(j)) }} /> {j + 1}
              </th>
              <td className="bar-cell">
                <span className="bar" style={{ width: `${(r * 100).toFixed(1)}%`, background: rgbCss(componentColor(j)) }} />
              </td>
              <td className="num">{r.toFixed(3)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
