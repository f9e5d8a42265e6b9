import { Controller, Get, Query } from '@nestjs/common';
import { ApiBadRequestResponse, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { MetricRead } from '../common/decorators/require-permission.decorator';
import { ApiErrorDto } from '../common/http/api-error.dto';
import { HistoryQueryDto } from './dto/history-query.dto';
import { HistoryResponseDto } from './dto/history-response.dto';
import { HistoryService } from './history.service';

@ApiTags('history')
@Controller('history')
export class HistoryController {
  constructor(private readonly history: HistoryService) {}

  @Get()
  @MetricRead('The last minutes of one resource, one point per sample or at most `points` averaged points (kept in memory for 24 h)')
  @ApiOkResponse({ type: HistoryResponseDto })
  @ApiBadRequestResponse({ type: ApiErrorDto, description: "Bad 'resource', 'minutes' or 'points'" })
  get(@Query() query: HistoryQueryDto): HistoryResponseDto {
    return this.history.history(query);
  }
}
