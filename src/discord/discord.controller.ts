import { Body, Controller, Get, HttpCode, Post } from '@nestjs/common';
import { ApiBadRequestResponse, ApiConflictResponse, ApiGatewayTimeoutResponse, ApiOkResponse, ApiResponse, ApiTags } from '@nestjs/swagger';
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
}
