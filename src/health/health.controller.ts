import { Controller, Get, Res } from '@nestjs/common';
import { RouteSchema } from '@nestjs/platform-fastify';
import { ApiOkResponse, ApiOperation, ApiServiceUnavailableResponse, ApiTags } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import { Public } from '../common/decorators/public.decorator';
import { HealthResponseDto } from '../metrics/dto/metric-responses.dto';
import { HEALTH_SCHEMA } from '../metrics/response-schemas';
import { HealthService } from './health.service';

@ApiTags('health')
@Controller('health')
export class HealthController {
  constructor(private readonly health: HealthService) {}

  @Get()
  @RouteSchema({ response: { 200: HEALTH_SCHEMA, 503: HEALTH_SCHEMA } })
  @Public()
  @ApiOperation({ summary: 'UP when sampling and the database work (public: load balancers call it)' })
  @ApiOkResponse({ type: HealthResponseDto })
  @ApiServiceUnavailableResponse({ type: HealthResponseDto, description: 'DOWN, with a reason' })
  check(@Res({ passthrough: true }) reply: FastifyReply): HealthResponseDto | Promise<HealthResponseDto> {
    const answer = this.health.health();
    return answer instanceof Promise ? answer.then((settled) => withStatus(settled, reply)) : withStatus(answer, reply);
  }
}

function withStatus(answer: HealthResponseDto, reply: FastifyReply): HealthResponseDto {
  if (answer.status === 'DOWN') reply.status(503);
  return answer;
}
