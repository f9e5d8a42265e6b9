import { Body, Controller, Get, Put } from '@nestjs/common';
import { ApiBadRequestResponse, ApiBody, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { Audit } from '../audit/audit.decorator';
import type { AuthUser } from '../common/auth-user';
import { CurrentUser } from '../common/decorators/current-user.decorator';
import { WriteRateLimit } from '../common/decorators/rate-limit.decorator';
import { RequirePermission } from '../common/decorators/require-permission.decorator';
import { isoSeconds } from '../common/format/time';
import { ApiError, ERROR_LABELS } from '../common/http/api-error';
import { ApiErrorDto } from '../common/http/api-error.dto';
import { ThresholdsResponseDto } from './dto/thresholds-response.dto';
import { UpdateThresholdsResponseDto } from './dto/update-thresholds-response.dto';
import { UpdateThresholdsDto } from './dto/update-thresholds.dto';
import { THRESHOLD_RESOURCES } from './entities/threshold.entity';
import { ThresholdsService } from './thresholds.service';
import type { ThresholdSet } from './thresholds.types';

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

  @Put()
  @RequirePermission('config', 'Change the thresholds of one resource or all (admin); /alerts uses them at once')
  @Audit('thresholds.update', { target: 'thresholds' })
  @WriteRateLimit()
  @ApiBody({ type: UpdateThresholdsDto })
  @ApiOkResponse({ type: UpdateThresholdsResponseDto })
  @ApiBadRequestResponse({ type: ApiErrorDto, description: 'Champ inconnu, valeur hors 0..100 ou warning ≥ critical : rien n’est modifié' })
  async update(@Body() body: UpdateThresholdsDto, @CurrentUser() user: AuthUser): Promise<UpdateThresholdsResponseDto> {
    const changes = checkedChanges(body);
    const rows = await this.thresholds.update(changes, user.id);
    const updatedAt = Math.max(...rows.map((row) => row.updatedAt.getTime()));
    return {
      message: 'Seuils mis à jour avec succès',
      thresholds: await this.thresholds.current(),
      updated_at: isoSeconds(updatedAt),
      updated_by: user.username,
    };
  }
}

/** The resources to change, once every given one has warning strictly below critical. */
function checkedChanges(body: UpdateThresholdsDto): Partial<ThresholdSet> {
  const changes: Partial<ThresholdSet> = {};
  const problems: string[] = [];
  for (const resource of THRESHOLD_RESOURCES) {
    const level = body?.[resource];
    if (level === undefined || level === null) continue;
    if (level.warning >= level.critical) {
      problems.push(`${resource}: warning (${level.warning}) doit être strictement inférieur à critical (${level.critical})`);
    }
    changes[resource] = { warning: level.warning, critical: level.critical };
  }
  if (problems.length > 0) throw new ApiError(400, ERROR_LABELS[400], problems[0], problems);
  if (Object.keys(changes).length === 0) {
    throw new ApiError(400, ERROR_LABELS[400], 'Indiquez au moins une ressource parmi cpu, memory et disk');
  }
  return changes;
}
