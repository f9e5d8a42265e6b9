import { Injectable } from '@nestjs/common';
import { isoSeconds } from '../common/format/time';
import { round1, round2 } from '../common/format/units';
import { AppSettings } from '../common/settings/app-settings';
import { MetricsService } from '../metrics/metrics.service';
import { Sample } from '../metrics/sample.types';
import { SamplerService } from '../metrics/sampler.service';
import { HistoryPoint, HistoryResponseDto } from './dto/history-response.dto';
import { HISTORY_COLUMNS, HISTORY_SPAN_SECONDS, HistoryColumn, HistoryResource, HistoryWindow } from './history.types';
import { downsample, stepSeconds } from './downsample';
import { RingBuffer } from './ring-buffer';

type Row = { t: number } & Record<HistoryColumn, number>;

/**
 * The last 24 hours of samples, in memory: one row per sample in a ring buffer allocated once
 * (86400 / SAMPLE_INTERVAL_SECONDS rows of 40 bytes: 1.7 MB at the default 2 s).
 */
@Injectable()
export class HistoryService {
  readonly buffer: RingBuffer<HistoryColumn>;
  private previous: Sample | null = null;

  constructor(
    private readonly sampler: SamplerService,
    private readonly metrics: MetricsService,
    settings: AppSettings,
  ) {
    this.buffer = new RingBuffer(Math.ceil(HISTORY_SPAN_SECONDS / settings.sampleIntervalSeconds), HISTORY_COLUMNS);
    // Subscribed at construction, before the sampler's first tick (its onModuleInit).
    this.sampler.onSample((sample) => this.record(sample));
  }

  record(sample: Sample): void {
    const usage = this.metrics.usage(sample);
    const [load1, load5, load15] = sample.load;
    const row: Partial<Record<HistoryColumn, number>> = { cpu: usage.cpu, memory: usage.memory, disk: usage.disk, load1, load5, load15 };
    const previous = this.previous;
    if (previous && sample.takenAt > previous.takenAt) {
      const seconds = (sample.takenAt - previous.takenAt) / 1000;
      // A counter that went down (interface reset, wrap) gives no rate rather than a negative one.
      const rx = sample.network.rxBytes - previous.network.rxBytes;
      const tx = sample.network.txBytes - previous.network.txBytes;
      if (rx >= 0) row.rx = rx / seconds;
      if (tx >= 0) row.tx = tx / seconds;
    }
    this.previous = sample;
    this.buffer.push(sample.takenAt, row);
  }

  /**
   * The samples of the last `minutes`, one point per sample, or at most `points` points, each the
   * average of the samples of its step (`interval_seconds` then says how long a step is).
   */
  history({ resource, minutes, points }: HistoryWindow, now: number = Date.now()): HistoryResponseDto {
    const interval = this.sampler.intervalSeconds();
    const step = stepSeconds(minutes * 60, interval, points);
    const samples = this.buffer.since(now - minutes * 60_000) as Row[];
    const rows = step > interval ? downsample(samples, HISTORY_COLUMNS, step * 1000) : samples;
    let checkedAt: string;
    try {
      checkedAt = this.sampler.latest().checkedAt;
    } catch {
      checkedAt = isoSeconds(now);
    }
    return {
      checked_at: checkedAt,
      resource,
      interval_seconds: step,
      points: rows.map((row) => toPoint(resource, row)),
    };
  }
}

const orNull = (value: number, shape: (value: number) => number): number | null => (Number.isNaN(value) ? null : shape(value));

function toPoint(resource: HistoryResource, row: Row): HistoryPoint {
  const t = isoSeconds(row.t);
  switch (resource) {
    case 'load':
      return { t, '1_min': round2(row.load1), '5_min': round2(row.load5), '15_min': round2(row.load15) };
    case 'network':
      return { t, rx_bytes_per_sec: orNull(row.rx, Math.round), tx_bytes_per_sec: orNull(row.tx, Math.round) };
    default:
      // Stored as float32: round again to the one decimal the API shows.
      return { t, usage_percent: round1(row[resource]) };
  }
}
