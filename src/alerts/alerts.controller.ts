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
  @MetricRead('Open alerts from the alert engine (thresholds from the database, for_minutes, clear_margin, every mount), and pending ones')
  @ApiOkResponse({ type: AlertsResponseDto })
  list(): AlertsResponseDto {
    return this.alerts.current();
  }
}
