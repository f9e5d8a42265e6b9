import uPlot from 'uplot';
import { h } from './dom';
import { bytesPerSecond } from './format';
import type { HistoryAnswer } from './types';

interface SeriesSpec {
  key: string;
  label: string;
  stroke: string;
}

/** A tick label as drawn: its text, its centre along the axis and its extent there (CSS pixels). */
export interface AxisLabel {
  text: string;
  at: number;
  size: number;
}

const AXIS_FONT_PX = 12;
const AXIS_FONT = `${AXIS_FONT_PX}px system-ui, -apple-system, 'Segoe UI', Roboto, sans-serif`;
/** Free room between two neighbouring tick labels, at least. */
const LABEL_GAP_PX = 16;
const HOUR_SECONDS = 3600;
/** French 24-hour time of a tick (the page is `lang="fr"`; uPlot's default is US `1:58pm`). */
const clock = new Intl.DateTimeFormat('fr-FR', { hour: '2-digit', minute: '2-digit', hour12: false });
const clockWithSeconds = new Intl.DateTimeFormat('fr-FR', { hour: '2-digit', minute: '2-digit', second: '2-digit', hour12: false });
/** Ticks at whole minutes only, so `HH:mm` labels never repeat. */
const MINUTE_INCRS = [60, 120, 300, 600, 900, 1200, 1800, 3600, 7200, 10800, 21600, 43200, 86400];

let measurer: CanvasRenderingContext2D | null = null;
/** Width of a label in the axis font, in CSS pixels. */
function textWidth(text: string): number {
  measurer ??= document.createElement('canvas').getContext('2d');
  if (!measurer) return text.length * AXIS_FONT_PX * 0.6;
  measurer.font = AXIS_FONT;
  return measurer.measureText(text).width;
}

/**
 * A live line chart of one `/history` resource over the last hour, resized with its container.
 * Tick spacing comes from the width of the labels themselves, so they never overlap, even on a
 * phone; the labels drawn are also written to `data-axis-x` / `data-axis-y` (the canvas holds no
 * text a reader or a test could get at).
 */
export class HistoryChart {
  readonly element: HTMLElement;
  private plot: uPlot | undefined;
  private readonly holder: HTMLElement;
  private readonly observer: ResizeObserver;
  private readonly drawn: Array<Array<{ value: number; text: string }>> = [[], []];

  constructor(
    readonly title: string,
    private readonly series: SeriesSpec[],
    private readonly unit: 'percent' | 'load' | 'bytes',
  ) {
    this.holder = h('div', { class: 'chart-holder' });
    this.element = h('figure', { class: 'chart', 'data-test': `chart-${title}` }, h('figcaption', {}, title), this.holder);
    this.observer = new ResizeObserver(() => this.plot?.setSize(this.size()));
    this.observer.observe(this.holder);
  }

  update(answer: HistoryAnswer): void {
    const xs = answer.points.map((point) => Date.parse(point.t) / 1000);
    const data: uPlot.AlignedData = [
      xs,
      ...this.series.map((spec) => answer.points.map((point) => (typeof point[spec.key] === 'number' ? (point[spec.key] as number) : null))),
    ];
    if (!this.plot) this.plot = new uPlot(this.options(), data, this.holder);
    else this.plot.setData(data);
  }

  destroy(): void {
    this.observer.disconnect();
    this.plot?.destroy();
  }

  private size() {
    return { width: Math.max(200, this.holder.clientWidth), height: 170 };
  }

  /** Keeps the labels of one axis as uPlot asks for them, to publish them once drawn. */
  private labels(axis: 0 | 1, format: (value: number, incr: number) => string): uPlot.Axis.DynamicValues {
    return (_u, splits, _axis, _space, incr) => {
      const texts = splits.map((value) => format(value, incr));
      this.drawn[axis] = splits.map((value, index) => ({ value, text: texts[index] }));
      return texts;
    };
  }

  private publish(u: uPlot): void {
    const x: AxisLabel[] = this.drawn[0].map(({ value, text }) => ({ text, at: u.valToPos(value, 'x'), size: textWidth(text) }));
    const y: AxisLabel[] = this.drawn[1].map(({ value, text }) => ({ text, at: u.valToPos(value, 'y'), size: AXIS_FONT_PX }));
    this.element.dataset.axisX = JSON.stringify(x);
    this.element.dataset.axisY = JSON.stringify(y);
  }

  private options(): uPlot.Options {
    const format =
      this.unit === 'percent'
        ? (value: number) => `${value.toFixed(0)} %`
        : this.unit === 'bytes'
          ? (value: number) => bytesPerSecond(value)
          : (value: number) => value.toFixed(2);
    const time = (seconds: number) => clock.format(new Date(seconds * 1000));
    const axis = { stroke: '#8b98a9', font: AXIS_FONT, grid: { stroke: '#263041' }, ticks: { stroke: '#263041' } };
    return {
      ...this.size(),
      legend: { show: true, live: false },
      cursor: { drag: { x: false, y: false } },
      scales: {
        // Always the whole last hour, ending at the newest point: ticks fall on whole minutes.
        x: { time: true, range: (_u, _min, max) => { const end = max ?? Date.now() / 1000; return [end - HOUR_SECONDS, end]; } },
        y: this.unit === 'percent' ? { range: [0, 100] } : { range: (_u, _min, max) => [0, Math.max((max ?? 0) * 1.1, this.unit === 'load' ? 1 : 1024)] },
      },
      axes: [
        {
          ...axis,
          incrs: MINUTE_INCRS,
          space: () => textWidth('00:00') + LABEL_GAP_PX,
          values: this.labels(0, (value) => time(value)),
        },
        {
          ...axis,
          space: AXIS_FONT_PX * 2.5,
          // As wide as the widest label needs (`1023.9 ko/s`), so none is cut at the left edge.
          size: (_u, values) => Math.ceil(Math.max(40, ...(values ?? []).map((text) => textWidth(String(text)))) + 18),
          values: this.labels(1, (value) => format(value)),
        },
      ],
      hooks: { draw: [(u) => this.publish(u)] },
      series: [
        { label: 'Heure', value: (_u: uPlot, v: number | null) => (v === null ? '–' : clockWithSeconds.format(new Date(v * 1000))) },
        ...this.series.map((spec) => ({ label: spec.label, stroke: spec.stroke, width: 2, points: { show: false }, value: (_u: uPlot, v: number | null) => (v === null ? '–' : format(v)) })),
      ],
    };
  }
}
