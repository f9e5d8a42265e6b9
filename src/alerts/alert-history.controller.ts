import { Controller, Get, Query } from '@nestjs/common';
import { ApiBadRequestResponse, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { RequirePermission } from '../common/decorators/require-permission.decorator';
import { isoSeconds } from '../common/format/time';
import { ApiError, ERROR_LABELS } from '../common/http/api-error';
import { ApiErrorDto } from '../common/http/api-error.dto';
import { AlertEngineService } from './alert-engine.service';
import { AlertHistoryService } from './alert-history.service';
import { AlertEpisodeDto, AlertHistoryQueryDto, AlertHistoryResponseDto } from './dto/alert-history.dto';
import { AlertEpisode } from './entities/alert-episode.entity';

@ApiTags('alerts')
@Controller('alerts/history')
export class AlertHistoryController {
  constructor(
    private readonly history: AlertHistoryService,
    private readonly engine: AlertEngineService,
  ) {}

  @Get()
  @RequirePermission('read', 'Alert episodes (opened, highest level, resolved, peak), newest first, paged')
  @ApiOkResponse({ type: AlertHistoryResponseDto })
  @ApiBadRequestResponse({ type: ApiErrorDto, description: 'type, since, until, limit ou before invalide' })
  async list(@Query() query: AlertHistoryQueryDto): Promise<AlertHistoryResponseDto> {
    const since = query.since ? new Date(query.since) : undefined;
    const until = query.until ? new Date(query.until) : undefined;
    if (since && until && since.getTime() > until.getTime()) {
      throw new ApiError(400, ERROR_LABELS[400], "Le paramètre 'since' doit précéder 'until'");
    }
    const now = Date.now();
    const { rows, nextBefore } = await this.history.list({ type: query.type, since, until, limit: query.limit, before: query.before });
    // An open episode is written on its transitions only: its peak so far comes from the engine.
    const live = new Map(this.liveEpisodes().map((episode) => [episode.id, episode]));
    return { checked_at: isoSeconds(now), episodes: rows.map((row) => toDto(row, live.get(row.id), now)), next_before: nextBefore };
  }

  private liveEpisodes() {
    try {
      return this.engine.current().alerts.map((alert) => alert.episode);
    } catch {
      return [];
    }
  }
}

function toDto(row: AlertEpisode, live: { peak: number; maxLevel: string; threshold: number; silenced: boolean } | undefined, now: number): AlertEpisodeDto {
  const opened = row.openedAt.getTime();
  const end = row.resolvedAt?.getTime() ?? now;
  const open = row.resolvedAt === null && live;
  return {
    id: row.id,
    type: row.type,
    mount: row.mount,
    level: open ? live.maxLevel : row.level,
    opened_at: isoSeconds(opened),
    resolved_at: row.resolvedAt ? isoSeconds(row.resolvedAt) : null,
    duration_seconds: Math.max(0, Math.round((end - opened) / 1000)),
    peak_value: open ? Math.max(live.peak, row.peakValue) : row.peakValue,
    threshold: open ? live.threshold : row.threshold,
    silenced: open ? live.silenced || row.silenced : row.silenced,
  };
}
