import { Controller, Get, Header } from '@nestjs/common';
import { ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { Registry } from 'prom-client';
import { MetricRead } from '../common/decorators/require-permission.decorator';
import { PrometheusService } from './prometheus.service';

const EXAMPLE = `# HELP healthcheck_cpu_usage_percent CPU busy share of all cores over the last sampling interval, percent (0-100)
# TYPE healthcheck_cpu_usage_percent gauge
healthcheck_cpu_usage_percent 12.5
# HELP healthcheck_filesystem_avail_bytes Space a non-root user can still write
# TYPE healthcheck_filesystem_avail_bytes gauge
healthcheck_filesystem_avail_bytes{mount="/",fstype="ext4",device="/dev/sda1"} 85174587392
`;

@ApiTags('prometheus')
@Controller('metrics')
export class PrometheusController {
  constructor(private readonly prometheus: PrometheusService) {}

  @Get()
  @MetricRead('Every figure in the Prometheus text format (for a scraper; served from the latest sample)')
  @Header('Content-Type', Registry.PROMETHEUS_CONTENT_TYPE)
  @ApiOkResponse({ description: 'Prometheus text exposition format 0.0.4', content: { 'text/plain': { schema: { type: 'string', example: EXAMPLE } } } })
  render(): Promise<string> {
    return this.prometheus.render();
  }
}
