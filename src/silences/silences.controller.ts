import { Body, Controller, Delete, Get, HttpCode, Param, Post } from '@nestjs/common';
import {
  ApiBadRequestResponse,
  ApiConflictResponse,
  ApiCreatedResponse,
  ApiNotFoundResponse,
  ApiOkResponse,
  ApiParam,
  ApiServiceUnavailableResponse,
  ApiTags,
} from '@nestjs/swagger';
import { Audit } from '../audit/audit.decorator';
import type { AuthUser } from '../common/auth-user';
import { CurrentUser } from '../common/decorators/current-user.decorator';
import { WriteRateLimit } from '../common/decorators/rate-limit.decorator';
import { RequirePermission } from '../common/decorators/require-permission.decorator';
import { isoSeconds } from '../common/format/time';
import { ApiError, ERROR_LABELS } from '../common/http/api-error';
import { ApiErrorDto } from '../common/http/api-error.dto';
import { IdParamPipe } from '../common/validation/id-param.pipe';
import { mountPathProblem } from '../common/validation/mount-path';
import { CreateSilenceDto } from './dto/create-silence.dto';
import { SilenceDto, SilenceEndedDto, SilenceListDto } from './dto/silence.dto';
import { Silence } from './entities/silence.entity';
import { NewSilence, SilencesService } from './silences.service';

const MAX_SPAN_MS = 7 * 86_400_000;

/** Maintenance windows: matching alerts stay in /alerts (`silenced: true`) but nothing goes to Discord. */
@ApiTags('silences')
@Controller('silences')
export class SilencesController {
  constructor(private readonly silences: SilencesService) {}

  @Post()
  @HttpCode(201)
  @WriteRateLimit()
  @Audit('silence.create', { target: 'silences' })
  @RequirePermission('execute', 'Silence alerts for a while (technicien, admin: those who do the maintenance), with a reason')
  @ApiCreatedResponse({ type: SilenceDto })
  @ApiBadRequestResponse({ type: ApiErrorDto, description: 'type, mount, minutes/ends_at (un seul, 7 jours au plus) ou reason invalide' })
  @ApiServiceUnavailableResponse({ type: ApiErrorDto, description: 'Base de données indisponible en écriture' })
  async create(@Body() body: CreateSilenceDto, @CurrentUser() user: AuthUser): Promise<SilenceDto> {
    return toDto(await this.silences.create({ ...checked(body, Date.now()), createdBy: user.username, createdById: user.id }));
  }

  @Get()
  @RequirePermission('read', 'Active and future silences')
  @ApiOkResponse({ type: SilenceListDto })
  async list(): Promise<SilenceListDto> {
    const now = new Date();
    const silences = (await this.silences.list(now)).map(toDto);
    return { checked_at: isoSeconds(now), silences, total: silences.length };
  }

  @Delete(':id')
  @WriteRateLimit()
  @Audit('silence.delete')
  @RequirePermission('execute', 'End a silence now (technicien, admin)')
  @ApiParam({ name: 'id', schema: { type: 'integer', minimum: 1 }, example: 3 })
  @ApiOkResponse({ type: SilenceEndedDto })
  @ApiBadRequestResponse({ type: ApiErrorDto, description: "L'identifiant n'est pas un entier positif" })
  @ApiNotFoundResponse({ type: ApiErrorDto, description: 'Silence introuvable' })
  @ApiConflictResponse({ type: ApiErrorDto, description: 'Silence déjà terminé' })
  @ApiServiceUnavailableResponse({ type: ApiErrorDto, description: 'Base de données indisponible en écriture' })
  async end(@Param('id', IdParamPipe) id: number): Promise<SilenceEndedDto> {
    return { message: 'Silence terminé', silence: toDto(await this.silences.end(id)) };
  }
}

function checked(body: CreateSilenceDto, now: number): Omit<NewSilence, 'createdBy' | 'createdById'> {
  const bad = (message: string) => new ApiError(400, ERROR_LABELS[400], message);
  const reason = body.reason.trim();
  if (reason.length === 0) throw bad('reason est obligatoire (1 à 200 caractères)');
  let mount: string | null = null;
  if (body.mount !== undefined) {
    if (body.type !== 'DISK') throw bad('mount ne va qu’avec type DISK');
    const problem = mountPathProblem(body.mount);
    if (problem) throw bad(`mount : ${problem}`);
    mount = body.mount;
  }
  if ((body.minutes === undefined) === (body.ends_at === undefined)) throw bad('Indiquez soit minutes (1 à 10080), soit ends_at');
  let endsAt: number;
  if (body.minutes !== undefined) endsAt = now + body.minutes * 60_000;
  else {
    endsAt = Date.parse(body.ends_at!);
    if (!Number.isFinite(endsAt) || !/(Z|[+-]\d{2}:?\d{2})$/.test(body.ends_at!)) throw bad('ends_at doit être une date ISO 8601 avec son fuseau (ex. 2025-01-08T18:00:00Z)');
    if (endsAt <= now) throw bad('ends_at doit être dans le futur');
    if (endsAt > now + MAX_SPAN_MS) throw bad('ends_at doit être dans les 7 jours');
  }
  return { type: body.type, mount, startsAt: new Date(now), endsAt: new Date(endsAt), reason };
}

function toDto(silence: Silence): SilenceDto {
  return {
    id: silence.id,
    type: silence.type,
    mount: silence.mount,
    starts_at: isoSeconds(silence.startsAt),
    ends_at: isoSeconds(silence.endsAt),
    reason: silence.reason,
    created_by: silence.createdBy,
  };
}
