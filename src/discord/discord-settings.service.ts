import { Injectable, Logger } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { Repository } from 'typeorm';
import { isoSeconds } from '../common/format/time';
import { ApiError, ERROR_LABELS } from '../common/http/api-error';
import { AppSettings } from '../common/settings/app-settings';
import { UnitOfWork } from '../database/unit-of-work';
import type { DeliveryResult } from './discord-webhook.client';
import { DiscordSavedResponseDto } from './dto/discord-saved-response.dto';
import { DiscordSettingsResponseDto } from './dto/discord-settings-response.dto';
import { NOTIFY_LEVELS, NotifyLevel, SaveDiscordSettingsDto } from './dto/save-discord-settings.dto';
import { DiscordSettings } from './entities/discord-settings.entity';
import { NotificationState } from './entities/notification-state.entity';
import { User } from '../users/entities/user.entity';
import { DiscordWebhook, maskWebhookUrl, parseWebhookUrl, WebhookUrlError } from './webhook-url';

export const DEFAULT_REPEAT_MINUTES = 60;
const SETTINGS_ID = 1;

/** The Discord settings row: validation of what an admin saves, the masked view, delivery outcomes. */
@Injectable()
export class DiscordSettingsService {
  private readonly logger = new Logger('Discord');

  constructor(
    @InjectRepository(DiscordSettings) private readonly repository: Repository<DiscordSettings>,
    @InjectRepository(NotificationState) private readonly states: Repository<NotificationState>,
    @InjectRepository(User) private readonly users: Repository<User>,
    private readonly settings: AppSettings,
    private readonly unitOfWork: UnitOfWork,
  ) {}

  find(): Promise<DiscordSettings | null> {
    return this.repository.findOneBy({ id: SETTINGS_ID });
  }

  /** The webhook of the stored URL, checked again against today's DISCORD_ALLOWED_HOSTS. */
  webhookOf(row: DiscordSettings): DiscordWebhook {
    return parseWebhookUrl(row.webhookUrl, this.settings.discordAllowedHosts);
  }

  levelsOf(row: DiscordSettings): NotifyLevel[] {
    return row.notifyOn.split(',').filter((level): level is NotifyLevel => (NOTIFY_LEVELS as readonly string[]).includes(level));
  }

  async save(dto: SaveDiscordSettingsDto, updatedBy: number | null): Promise<DiscordSavedResponseDto> {
    let webhook: DiscordWebhook;
    try {
      webhook = parseWebhookUrl(dto.webhook_url, this.settings.discordAllowedHosts);
    } catch (error) {
      if (error instanceof WebhookUrlError) throw new ApiError(400, ERROR_LABELS[400], error.message);
      throw error;
    }
    const notifyOn = NOTIFY_LEVELS.filter((level) => dto.notify_on.includes(level));
    const url = `${webhook.protocol}//${webhook.host}/api/webhooks/${webhook.id}/${webhook.token}`;
    await this.unitOfWork.run(async (manager) => {
      const previous = await manager.findOneBy(DiscordSettings, { id: SETTINGS_ID });
      // A different webhook is a different channel: it has been told nothing yet.
      if (previous && previous.webhookUrl !== url) await manager.clear(NotificationState);
      await manager.save(DiscordSettings, {
        id: SETTINGS_ID,
        webhookUrl: url,
        enabled: dto.enabled,
        notifyOn: notifyOn.join(','),
        repeatMinutes: dto.repeat_minutes ?? previous?.repeatMinutes ?? DEFAULT_REPEAT_MINUTES,
        lastSentAt: previous?.lastSentAt ?? null,
        lastError: previous && previous.webhookUrl === url ? previous.lastError : null,
        lastErrorAt: previous && previous.webhookUrl === url ? previous.lastErrorAt : null,
        updatedAt: new Date(),
        updatedBy,
      });
    });
    this.logger.log(`Discord settings saved by user ${updatedBy ?? '-'}: ${maskWebhookUrl(url)}, enabled=${dto.enabled}, notify_on=${notifyOn.join(',')}`);
    return { message: 'Configuration Discord sauvegardée', webhook_configured: true, notify_on: notifyOn };
  }

  async view(): Promise<DiscordSettingsResponseDto> {
    const row = await this.find();
    const states = await this.states.find({ order: { alertType: 'ASC' } });
    const at = (date: Date | null | undefined) => (date ? isoSeconds(date) : null);
    return {
      webhook_configured: row !== null,
      webhook_url: row ? maskWebhookUrl(row.webhookUrl) : null,
      enabled: row?.enabled ?? false,
      notify_on: row ? this.levelsOf(row) : [...NOTIFY_LEVELS],
      repeat_minutes: row?.repeatMinutes ?? DEFAULT_REPEAT_MINUTES,
      schedule: this.settings.alertsCron,
      last_sent_at: at(row?.lastSentAt),
      last_error: row?.lastError ?? null,
      last_error_at: at(row?.lastErrorAt),
      updated_at: at(row?.updatedAt),
      updated_by: await this.usernameOf(row?.updatedBy ?? null),
      notifications: states
        .filter((state) => state.notifiedLevel !== null || state.pending)
        .map((state) => ({
          type: state.alertType,
          notified_level: state.notifiedLevel,
          pending: state.pending,
          last_sent_at: at(state.lastSentAt),
        })),
    };
  }

  /** Who saved the settings, by name as in the thresholds answer; null once that user is deleted. */
  private async usernameOf(id: number | null): Promise<string | null> {
    if (id === null) return null;
    const user = await this.users.findOne({ where: { id }, select: { username: true } });
    return user?.username ?? null;
  }

  /** Records a delivery in the settings row: `last_sent_at` on success, `last_error` otherwise. */
  async recordOutcome(result: DeliveryResult, at: Date): Promise<void> {
    if (result.ok) await this.updateRow({ lastSentAt: at, lastError: null, lastErrorAt: null });
    else await this.recordError(result.error ?? 'delivery failed', at);
  }

  async recordError(error: string, at: Date): Promise<void> {
    await this.updateRow({ lastError: error.slice(0, 1000), lastErrorAt: at });
  }

  private async updateRow(changes: Partial<DiscordSettings>): Promise<void> {
    await this.unitOfWork.run((manager) => manager.update(DiscordSettings, { id: SETTINGS_ID }, changes));
  }
}
