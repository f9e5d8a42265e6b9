import { Controller, Get } from '@nestjs/common';
import { RouteSchema } from '@nestjs/platform-fastify';
import { ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { MetricRead } from '../common/decorators/require-permission.decorator';
import { ALERTS_SCHEMA, okSchema } from '../metrics/response-schemas';
import { AlertsService } from './alerts.service';
import { AlertsResponseDto } from './dto/alerts-response.dto';

@ApiTags('alerts')
@Controller('alerts')
export class AlertsController {
  constructor(private readonly alerts: AlertsService) {}

  @Get()
  @RouteSchema(okSchema(ALERTS_SCHEMA))
  @MetricRead('Alerts for every threshold crossed (thresholds from the database)')
  @ApiOkResponse({ type: AlertsResponseDto })
  async list(): Promise<AlertsResponseDto> {
    const report = await this.alerts.current();
    return { checked_at: report.checkedAt, alerts: report.alerts, total_alerts: report.alerts.length };
  }
}
