import { Injectable } from '@nestjs/common';
import { ThresholdsService } from '../config/thresholds.service';
import { ThresholdSet } from '../config/thresholds.types';
import { MetricsService } from '../metrics/metrics.service';
import { Sample } from '../metrics/sample.types';
import { Alert, evaluateAlerts } from './alert-evaluator';

export interface AlertReport {
  checkedAt: string;
  alerts: Alert[];
}

/** The current alerts: the latest sample against the thresholds stored in the database. */
@Injectable()
export class AlertsService {
  private last: { sample: Sample; thresholds: ThresholdSet; report: AlertReport } | null = null;

  constructor(
    private readonly metrics: MetricsService,
    private readonly thresholds: ThresholdsService,
  ) {}

  async current(): Promise<AlertReport> {
    const thresholds = await this.thresholds.current();
    const sample = this.metrics.sample();
    // The same sample against the same thresholds gives the same report: evaluated once per sample
    // (ThresholdsService hands out a new object whenever an admin writes).
    const last = this.last;
    if (last && last.sample === sample && last.thresholds === thresholds) return last.report;
    const report = { checkedAt: sample.checkedAt, alerts: evaluateAlerts(this.metrics.usage(sample), thresholds) };
    this.last = { sample, thresholds, report };
    return report;
  }
}
