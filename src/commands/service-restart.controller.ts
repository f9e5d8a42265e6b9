import { Controller, HttpCode, Param, Post } from '@nestjs/common';
import { ApiNotFoundResponse, ApiNotImplementedResponse, ApiOkResponse, ApiTags, ApiTooManyRequestsResponse } from '@nestjs/swagger';
import { Audit } from '../audit/audit.decorator';
import { WriteRateLimit } from '../common/decorators/rate-limit.decorator';
import { RequirePermission } from '../common/decorators/require-permission.decorator';
import { WithoutDatabase } from '../common/decorators/without-database.decorator';
import { ApiErrorDto } from '../common/http/api-error.dto';
import { CommandsService } from './commands.service';
import { CommandResultDto } from './dto/command-result.dto';

@ApiTags('commands')
@Controller('services')
export class ServiceRestartController {
  constructor(private readonly commands: CommandsService) {}

  @Post(':name/restart')
  @HttpCode(200)
  @Audit('service.restart')
  @WithoutDatabase()
  @WriteRateLimit()
  @RequirePermission('execute', 'Restarts a service of MONITORED_SERVICES with systemctl')
  @ApiOkResponse({ type: CommandResultDto, description: "systemctl's answer (exit_code 0 when restarted)" })
  @ApiNotFoundResponse({ type: ApiErrorDto, description: 'Not in MONITORED_SERVICES' })
  @ApiNotImplementedResponse({ type: ApiErrorDto, description: 'No systemctl, or systemd does not run this system' })
  @ApiTooManyRequestsResponse({ type: ApiErrorDto, description: 'Two commands already running' })
  restart(@Param('name') name: string): Promise<CommandResultDto> {
    return this.commands.restart(name);
  }
}
