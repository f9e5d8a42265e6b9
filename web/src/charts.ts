import uPlot from 'uplot';
import { h } from './dom';
import { bytesPerSecond } from './format';
import type { HistoryAnswer } from './types';

interface SeriesSpec {
  key: string;
  label: string;
  stroke: string;
}

/** A live line chart of one `/history` resource, resized with its container. */
export class HistoryChart {
  readonly element: HTMLElement;
  private plot: uPlot | undefined;
  private readonly holder: HTMLElement;
  private readonly observer: ResizeObserver;

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

  private options(): uPlot.Options {
    const format =
      this.unit === 'percent'
        ? (value: number) => `${value.toFixed(0)} %`
        : this.unit === 'bytes'
          ? (value: number) => bytesPerSecond(value)
          : (value: number) => value.toFixed(2);
    return {
      ...this.size(),
      legend: { show: true, live: false },
      cursor: { drag: { x: false, y: false } },
      scales: this.unit === 'percent' ? { y: { range: [0, 100] } } : { y: { range: (_u, min, max) => [0, Math.max(max * 1.1, this.unit === 'load' ? 1 : 1024)] } },
      axes: [
        { stroke: '#8b98a9', grid: { stroke: '#263041' }, ticks: { stroke: '#263041' } },
        { stroke: '#8b98a9', grid: { stroke: '#263041' }, ticks: { stroke: '#263041' }, size: 70, values: (_u, values) => values.map(format) },
      ],
      series: [{}, ...this.series.map((spec) => ({ label: spec.label, stroke: spec.stroke, width: 2, points: { show: false }, value: (_u: uPlot, v: number | null) => (v === null ? '–' : format(v)) }))],
    };
  }
}
