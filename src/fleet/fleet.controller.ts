import { Body, Controller, Delete, Get, HttpCode, Param, Post } from '@nestjs/common';
import {
  ApiBadRequestResponse,
  ApiConflictResponse,
  ApiCreatedResponse,
  ApiNotFoundResponse,
  ApiOkResponse,
  ApiParam,
  ApiTags,
} from '@nestjs/swagger';
import { Audit } from '../audit/audit.decorator';
import type { AuthUser } from '../common/auth-user';
import { CurrentUser } from '../common/decorators/current-user.decorator';
import { WriteRateLimit } from '../common/decorators/rate-limit.decorator';
import { RequirePermission } from '../common/decorators/require-permission.decorator';
import { isoSeconds } from '../common/format/time';
import { ApiErrorDto } from '../common/http/api-error.dto';
import { IdParamPipe } from '../common/validation/id-param.pipe';
import { CreateFleetProbeDto } from './dto/create-fleet-probe.dto';
import { FleetListResponseDto, FleetProbeCreatedDto, FleetProbeDeletedDto } from './dto/fleet-probe.dto';
import { FleetService } from './fleet.service';

/** The other probes the dashboard's fleet view polls; the page itself calls each probe's API. */
@ApiTags('fleet')
@Controller('fleet')
export class FleetController {
  constructor(private readonly fleet: FleetService) {}

  @Get()
  @RequirePermission('read', 'The probes of the fleet view')
  @ApiOkResponse({ type: FleetListResponseDto })
  async list(): Promise<FleetListResponseDto> {
    const probes = await this.fleet.list();
    return { checked_at: isoSeconds(Date.now()), probes, total: probes.length };
  }

  @Post()
  @HttpCode(201)
  @WriteRateLimit()
  @Audit('fleet.add')
  @RequirePermission('config', 'Add a probe to the fleet view')
  @ApiCreatedResponse({ type: FleetProbeCreatedDto })
  @ApiBadRequestResponse({ type: ApiErrorDto, description: 'Bad name or URL' })
  @ApiConflictResponse({ type: ApiErrorDto, description: 'A probe already has this URL' })
  async add(@Body() body: CreateFleetProbeDto, @CurrentUser() user?: AuthUser): Promise<FleetProbeCreatedDto> {
    return { message: 'Sonde ajoutée', probe: await this.fleet.add(body, user?.id) };
  }

  @Delete(':id')
  @WriteRateLimit()
  @Audit('fleet.remove')
  @RequirePermission('config', 'Remove a probe from the fleet view')
  @ApiParam({ name: 'id', schema: { type: 'integer', minimum: 1, maximum: 2147483647 }, example: 3 })
  @ApiOkResponse({ type: FleetProbeDeletedDto })
  @ApiBadRequestResponse({ type: ApiErrorDto, description: 'The id is not a positive integer' })
  @ApiNotFoundResponse({ type: ApiErrorDto, description: 'No such probe' })
  async remove(@Param('id', IdParamPipe) id: number): Promise<FleetProbeDeletedDto> {
    await this.fleet.remove(id);
    return { message: 'Sonde supprimée', id };
  }
}
