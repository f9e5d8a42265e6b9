import { Controller, Get } from '@nestjs/common';
import { ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { RequirePermission } from '../common/decorators/require-permission.decorator';
import { isoSeconds } from '../common/format/time';
import { ThresholdsResponseDto } from './dto/thresholds-response.dto';
import { ThresholdsService } from './thresholds.service';

@ApiTags('config')
@Controller('config/thresholds')
export class ThresholdsController {
  constructor(private readonly thresholds: ThresholdsService) {}

  @Get()
  @RequirePermission('read', 'Current alert thresholds')
  @ApiOkResponse({ type: ThresholdsResponseDto })
  async get(): Promise<ThresholdsResponseDto> {
    return { checked_at: isoSeconds(Date.now()), thresholds: await this.thresholds.current() };
  }
}
