import { Injectable } from '@nestjs/common';
import { isoSeconds } from '../common/format/time';
import { AlertEngineService, AlertSnapshot } from './alert-engine.service';
import { ActiveAlert, PendingAlert } from './alert-engine';
import { AlertDto, AlertsResponseDto, PendingAlertDto } from './dto/alerts-response.dto';

/** `/alerts` as the API answers it, built from the alert engine once per evaluation. */
@Injectable()
export class AlertsService {
  private last: { snapshot: AlertSnapshot; answer: AlertsResponseDto } | null = null;

  constructor(private readonly engine: AlertEngineService) {}

  current(): AlertsResponseDto {
    const snapshot = this.engine.current();
    if (this.last?.snapshot === snapshot) return this.last.answer;
    const alerts = snapshot.alerts.map(toAlertDto);
    const answer = { checked_at: snapshot.checkedAt, alerts, total_alerts: alerts.length, pending: snapshot.pending.map(toPendingDto) };
    this.last = { snapshot, answer };
    return answer;
  }
}

export function toAlertDto(alert: ActiveAlert): AlertDto {
  return {
    type: alert.type,
    level: alert.level,
    message: alert.message,
    value: alert.value,
    threshold: alert.threshold,
    ...(alert.type === 'DISK' ? { mount: alert.mount ?? '' } : {}),
    since: isoSeconds(alert.since),
    peak: alert.peak,
    silenced: alert.silenceId !== null,
    silence_id: alert.silenceId,
  };
}

function toPendingDto(pending: PendingAlert): PendingAlertDto {
  return {
    type: pending.type,
    level: pending.level,
    ...(pending.type === 'DISK' ? { mount: pending.mount ?? '' } : {}),
    value: pending.value,
    threshold: pending.threshold,
    since: isoSeconds(pending.since),
    for_minutes: pending.forMinutes,
  };
}
