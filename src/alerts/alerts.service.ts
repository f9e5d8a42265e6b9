import { Injectable } from '@nestjs/common';
import { ThresholdsService } from '../config/thresholds.service';
import { MetricsService } from '../metrics/metrics.service';
import { Alert, evaluateAlerts } from './alert-evaluator';

export interface AlertReport {
  checkedAt: string;
  alerts: Alert[];
}

/** The current alerts: the latest sample against the thresholds stored in the database. */
@Injectable()
export class AlertsService {
  constructor(
    private readonly metrics: MetricsService,
    private readonly thresholds: ThresholdsService,
  ) {}

  async current(): Promise<AlertReport> {
    const thresholds = await this.thresholds.current();
    const sample = this.metrics.sample();
    return { checkedAt: sample.checkedAt, alerts: evaluateAlerts(this.metrics.usage(sample), thresholds) };
  }
}
