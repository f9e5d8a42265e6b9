import { Controller, Get, Query } from '@nestjs/common';
import { ApiBadRequestResponse, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { RequirePermission } from '../common/decorators/require-permission.decorator';
import { isoSeconds } from '../common/format/time';
import { ApiErrorDto } from '../common/http/api-error.dto';
import { AuditService } from './audit.service';
import { AuditQueryDto } from './dto/audit-query.dto';
import { AuditResponseDto } from './dto/audit-response.dto';

@ApiTags('audit')
@Controller('audit')
export class AuditController {
  constructor(private readonly audit: AuditService) {}

  @Get()
  @RequirePermission('users', 'The audit trail, newest first (filters: action, user; cursor: before)')
  @ApiOkResponse({ type: AuditResponseDto })
  @ApiBadRequestResponse({ type: ApiErrorDto, description: 'Bad limit, before or action' })
  async list(@Query() query: AuditQueryDto): Promise<AuditResponseDto> {
    return { checked_at: isoSeconds(Date.now()), ...(await this.audit.list(query)) };
  }
}
