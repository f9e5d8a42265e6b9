import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { Repository } from 'typeorm';
import { AlertEngineService } from '../alerts/alert-engine.service';
import { isoSeconds } from '../common/format/time';
import { UnitOfWork } from '../database/unit-of-work';
import { MetricsService } from '../metrics/metrics.service';
import { toItem } from './alert-item';
import { buildAlertMessages, WebhookPayload } from './discord-message.builder';
import { DiscordSettingsService } from './discord-settings.service';
import { DiscordLastMessageResponseDto } from './dto/discord-last-message-response.dto';
import { NOTIFY_LEVELS } from './dto/save-discord-settings.dto';
import { DiscordLastMessage } from './entities/discord-last-message.entity';

const ROW_ID = 1;

/**
 * The last message Discord accepted, kept as the exact JSON body that was POSTed, so the dashboard
 * can draw what the channel shows; before any, what the current alerts would send, built by the
 * same message builder as a real delivery.
 */
@Injectable()
export class DiscordLastMessageService {
  constructor(
    @InjectRepository(DiscordLastMessage) private readonly repository: Repository<DiscordLastMessage>,
    private readonly discordSettings: DiscordSettingsService,
    private readonly engine: AlertEngineService,
    private readonly metrics: MetricsService,
    private readonly unitOfWork: UnitOfWork,
  ) {}

  /** Keeps `body` (the JSON text Discord accepted) as the last message, replacing the previous one. */
  async record(body: string, deliveredAt: Date): Promise<void> {
    await this.unitOfWork.run((manager) => manager.save(DiscordLastMessage, { id: ROW_ID, deliveredAt, payload: body }));
  }

  async view(now: Date = new Date()): Promise<DiscordLastMessageResponseDto> {
    const row = await this.repository.findOneBy({ id: ROW_ID });
    if (row) return { delivered_at: isoSeconds(row.deliveredAt), payload: JSON.parse(row.payload) as WebhookPayload, preview: null };
    return { delivered_at: null, payload: null, preview: await this.preview(now) };
  }

  /** The first message a delivery of the current alerts would POST now (at the configured levels). */
  private async preview(now: Date): Promise<WebhookPayload | null> {
    const settings = await this.discordSettings.find();
    const levels = new Set<string>(settings ? this.discordSettings.levelsOf(settings) : NOTIFY_LEVELS);
    // As a delivery would: silenced alerts left out, another mount named in the title.
    const alerts = this.engine
      .current()
      .alerts.filter((alert) => levels.has(alert.level) && alert.silenceId === null)
      .map(toItem);
    const [first] = buildAlertMessages({ hostname: this.metrics.sample().hostname, alerts, at: now });
    return first ?? null;
  }
}
