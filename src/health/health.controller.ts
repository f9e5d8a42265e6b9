import { Controller, Get } from '@nestjs/common';
import { RouteSchema } from '@nestjs/platform-fastify';
import { ApiOkResponse, ApiOperation, ApiServiceUnavailableResponse, ApiTags } from '@nestjs/swagger';
import { Public } from '../common/decorators/public.decorator';
import { AnswerWithStatus } from '../common/http/answer-with-status';
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
  check(): HealthResponseDto | Promise<HealthResponseDto> {
    const answer = this.health.health();
    return answer instanceof Promise ? answer.then(upOr503) : upOr503(answer);
  }
}

/** UP as the route's 200; DOWN, the same shape, with 503 (no handler parameter: see AnswerWithStatus). */
function upOr503(answer: HealthResponseDto): HealthResponseDto {
  if (answer.status === 'DOWN') throw new AnswerWithStatus(503, answer);
  return answer;
}
