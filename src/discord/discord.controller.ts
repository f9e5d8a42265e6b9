import { Body, Controller, Get, HttpCode, Post } from '@nestjs/common';
import { ApiBadRequestResponse, ApiConflictResponse, ApiGatewayTimeoutResponse, ApiOkResponse, ApiResponse, ApiServiceUnavailableResponse, ApiTags } from '@nestjs/swagger';
import { Audit } from '../audit/audit.decorator';
import type { AuthUser } from '../common/auth-user';
import { CurrentUser } from '../common/decorators/current-user.decorator';
import { WriteRateLimit } from '../common/decorators/rate-limit.decorator';
import { RequirePermission } from '../common/decorators/require-permission.decorator';
import { ApiErrorDto } from '../common/http/api-error.dto';
import { DiscordLastMessageService } from './discord-last-message.service';
import { DiscordNotifierService } from './discord-notifier.service';
import { DiscordSettingsService } from './discord-settings.service';
import { DiscordLastMessageResponseDto } from './dto/discord-last-message-response.dto';
import { DiscordSavedResponseDto } from './dto/discord-saved-response.dto';
import { DiscordSettingsResponseDto } from './dto/discord-settings-response.dto';
import { DiscordTestResponseDto } from './dto/discord-test-response.dto';
import { DiscordCheckResponseDto } from './dto/discord-check-response.dto';
import { CheckResult } from './discord-notifier.service';
import { isoSeconds } from '../common/format/time';
import { SaveDiscordSettingsDto } from './dto/save-discord-settings.dto';

@ApiTags('discord')
@Controller('config/discord')
export class DiscordController {
  constructor(
    private readonly discordSettings: DiscordSettingsService,
    private readonly notifier: DiscordNotifierService,
    private readonly lastMessage: DiscordLastMessageService,
  ) {}

  @Post()
  @HttpCode(200)
  @WriteRateLimit()
  @RequirePermission('config', 'Save the Discord webhook and notification settings')
  @Audit('discord.update', { target: 'discord' })
  @ApiOkResponse({ type: DiscordSavedResponseDto })
  @ApiBadRequestResponse({ description: 'URL de webhook refusée ou champ invalide', type: ApiErrorDto })
  save(@Body() body: SaveDiscordSettingsDto, @CurrentUser() user?: AuthUser): Promise<DiscordSavedResponseDto> {
    return this.discordSettings.save(body, user?.id ?? null);
  }

  @Get()
  @RequirePermission('config', 'Discord settings (webhook token masked) and the last delivery')
  @ApiOkResponse({ type: DiscordSettingsResponseDto })
  view(): Promise<DiscordSettingsResponseDto> {
    return this.discordSettings.view();
  }

  @Get('last-message')
  @RequirePermission('config', 'The last message Discord accepted, as its exact JSON body; before any, a preview of what the current alerts would send')
  @ApiOkResponse({ type: DiscordLastMessageResponseDto })
  lastDelivered(): Promise<DiscordLastMessageResponseDto> {
    return this.lastMessage.view();
  }

  @Post('test')
  @HttpCode(200)
  @WriteRateLimit()
  @RequirePermission('config', 'Send a test message to the configured webhook now')
  @Audit('discord.test', { target: 'discord' })
  @ApiOkResponse({ type: DiscordTestResponseDto })
  @ApiConflictResponse({ description: 'Aucun webhook configuré', type: ApiErrorDto })
  @ApiResponse({ status: 502, description: 'Discord a refusé le message (401, 404, 429 trop long, 5xx)', type: ApiErrorDto })
  @ApiGatewayTimeoutResponse({ description: 'Discord injoignable ou trop lent', type: ApiErrorDto })
  test(): Promise<DiscordTestResponseDto> {
    return this.notifier.sendTest();
  }

  @Post('check')
  @HttpCode(200)
  @WriteRateLimit()
  @RequirePermission('config', "Run the scheduler's alert check now: answers what it sent to Discord, or why nothing")
  @Audit('discord.check', { target: 'discord' })
  @ApiOkResponse({ type: DiscordCheckResponseDto, description: 'Always 200: `outcome` says what happened (sent, nothing-to-send, not-configured, disabled, failed)' })
  @ApiServiceUnavailableResponse({ type: ApiErrorDto, description: 'Base de données indisponible en écriture' })
  async check(): Promise<DiscordCheckResponseDto> {
    const now = new Date();
    return toCheckAnswer(await this.notifier.check(now), now);
  }
}

const plural = (count: number, word: string) => `${count} ${word}${count > 1 ? 's' : ''}`;

function toCheckAnswer(result: CheckResult, at: Date): DiscordCheckResponseDto {
  const sent = {
    alerts: result.alerts.map((alert) => ({
      type: alert.type,
      ...(alert.mount ? { mount: alert.mount } : {}),
      level: alert.level,
      message: alert.message,
      value: alert.value,
      threshold: alert.threshold,
    })),
    resolved: result.resolved.map((item) => ({
      type: item.type,
      ...(item.mount ? { mount: item.mount } : {}),
      level: item.level,
      now_level: item.nowLevel,
      value: item.value,
    })),
    between: result.between.map((item) => ({
      type: item.type,
      ...(item.mount ? { mount: item.mount } : {}),
      level: item.level,
      opened_at: isoSeconds(item.openedAt),
      resolved_at: isoSeconds(item.resolvedAt),
      peak: item.peak,
    })),
  };
  const counts = `${plural(sent.alerts.length, 'alerte')}, ${plural(sent.resolved.length, 'résolution')}, ${plural(sent.between.length, 'épisode')} entre deux vérifications`;
  const silenced = result.silenced > 0 ? ` (${plural(result.silenced, 'alerte')} sous silence)` : '';
  const messages: Record<CheckResult['outcome'], string> = {
    'not-configured': 'Aucun webhook Discord configuré (POST /config/discord) : rien envoyé',
    disabled: 'Notifications Discord désactivées : rien envoyé',
    'nothing-to-send': `Rien à envoyer : aucune alerte nouvelle, aggravée, à répéter ou résolue${silenced}`,
    sent: `Envoyé à Discord : ${counts}${silenced}`,
    failed: `Échec de l'envoi à Discord (${result.error ?? 'erreur inconnue'}) : réessayé à la prochaine vérification`,
  };
  return {
    checked_at: isoSeconds(at),
    outcome: result.outcome,
    message: messages[result.outcome],
    sent,
    silenced: result.silenced,
    ...(result.error ? { error: result.error } : {}),
  };
}
