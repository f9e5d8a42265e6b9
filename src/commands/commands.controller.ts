import { Body, Controller, Get, HttpCode, Param, Post } from '@nestjs/common';
import {
  ApiBadRequestResponse,
  ApiBody,
  ApiNotFoundResponse,
  ApiOkResponse,
  ApiTags,
  ApiTooManyRequestsResponse,
} from '@nestjs/swagger';
import { Audit } from '../audit/audit.decorator';
import { WriteRateLimit } from '../common/decorators/rate-limit.decorator';
import { RequirePermission } from '../common/decorators/require-permission.decorator';
import { WithoutDatabase } from '../common/decorators/without-database.decorator';
import { isoSeconds } from '../common/format/time';
import { ApiErrorDto } from '../common/http/api-error.dto';
import { CommandsService } from './commands.service';
import { CommandListResponseDto } from './dto/command-list-response.dto';
import { CommandResultDto } from './dto/command-result.dto';
import { RunCommandDto } from './dto/run-command.dto';

@ApiTags('commands')
@Controller('commands')
export class CommandsController {
  constructor(private readonly commands: CommandsService) {}

  @Get()
  @RequirePermission('execute', 'The allow-listed diagnostic commands')
  @ApiOkResponse({ type: CommandListResponseDto })
  list(): CommandListResponseDto {
    const commands = this.commands.list();
    return { checked_at: isoSeconds(Date.now()), commands, total: commands.length };
  }

  @Post(':name')
  @HttpCode(200)
  @Audit('command.run')
  @WithoutDatabase()
  @WriteRateLimit()
  @RequirePermission('execute', 'Runs one allow-listed command (no shell, 10 s timeout, 64 KiB per stream)')
  @ApiBody({ type: RunCommandDto, required: false })
  @ApiOkResponse({ type: CommandResultDto })
  @ApiBadRequestResponse({ type: ApiErrorDto, description: "Missing, unexpected or unknown 'service'" })
  @ApiNotFoundResponse({ type: ApiErrorDto, description: 'Not in the allow-list' })
  @ApiTooManyRequestsResponse({ type: ApiErrorDto, description: 'Two commands already running' })
  run(@Param('name') name: string, @Body() body: RunCommandDto): Promise<CommandResultDto> {
    return this.commands.run(name, body?.service);
  }
}
