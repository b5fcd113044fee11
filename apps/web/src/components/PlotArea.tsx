/** The plot for the data's dimension (scatter for 2-D, histogram for 1-D) with the hover tooltip. */
import { useRef } from 'react';
import type { SourceData } from '../data-sources.js';
import type { ViewComponent } from '../view/components.js';
import type { Prediction } from './PredictionLayer.js';
import { HistogramPlot } from './HistogramPlot.js';
import { ScatterPlot } from './ScatterPlot.js';
import { Tooltip } from './Tooltip.js';
import { useWidth } from './useSize.js';

interface Props {
  source: SourceData;
  xCol: number;
  yCol: number | undefined;
  components: ViewComponent[] | undefined;
  colors: Uint32Array | undefined;
  responsibilities: Float64Array | undefined;
  k: number;
  hovered: number | undefined;
  onHover: (row: number | undefined) => void;
  onDraw: (source: SourceData) => void;
  prediction: Prediction | undefined;
  onPointerX: (x: number | undefined) => void;
}

export interface HoverPoint {
  row: number;
  /** Position inside the plot element, CSS pixels. */
  left: number;
  top: number;
}

export function PlotArea(props: Props) {
  const { source, xCol, yCol, components, responsibilities, k, hovered, onHover } = props;
  const box = useRef<HTMLDivElement>(null);
  const width = useWidth(box);
  const height = Math.round(Math.min(560, Math.max(260, width * 0.68)));
  const hoverRef = useRef<HoverPoint | undefined>(undefined);
  const setHover = (point: HoverPoint | undefined) => {
    hoverRef.current = point;
    onHover(point?.row);
  };
  const point = hovered !== undefined && hoverRef.current?.row === hovered ? hoverRef.current : undefined;

  return (
    <div className="plot-box" ref={box}>
      {yCol === undefined ? (
        <HistogramPlot source={source} col={xCol} components={components} width={width} height={height} onHover={setHover} />
      ) : (
        <ScatterPlot {...props} yCol={yCol} width={width} height={height} onHover={setHover} />
      )}
      {source.rows === 0 && <p className="plot-empty">Click and drag here to draw points.</p>}
      {point && responsibilities && point.row < source.rows && (
        <Tooltip
          point={point}
          values={Array.from({ length: source.cols }, (_, c) => ({ name: source.columns[c]!, value: source.data[point.row * source.cols + c]! }))}
          responsibilities={responsibilities.subarray(point.row * k, (point.row + 1) * k)}
          plotWidth={width}
        />
      )}
    </div>
  );
}
