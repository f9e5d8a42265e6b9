import { Injectable, Logger } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { Repository } from 'typeorm';
import { AlertsService } from '../alerts/alerts.service';
import { isoSeconds } from '../common/format/time';
import { ApiError } from '../common/http/api-error';
import { AppSettings } from '../common/settings/app-settings';
import { DatabaseFileMonitor } from '../database/database-file.monitor';
import { UnitOfWork } from '../database/unit-of-work';
import { MetricsService } from '../metrics/metrics.service';
import { AlertItem, buildAlertMessages, buildTestMessage, NotifiedLevel, ResolvedItem } from './discord-message.builder';
import { DiscordSettingsService } from './discord-settings.service';
import { DeliveryResult, DiscordWebhookClient } from './discord-webhook.client';
import { DiscordTestResponseDto } from './dto/discord-test-response.dto';
import { NotificationState } from './entities/notification-state.entity';
import { DiscordWebhook, maskWebhook, WebhookUrlError } from './webhook-url';

export type CheckOutcome = 'not-configured' | 'disabled' | 'nothing-to-send' | 'sent' | 'failed';

export interface CheckResult {
  outcome: CheckOutcome;
  alerts: AlertItem[];
  resolved: ResolvedItem[];
  error?: string;
}

const RANK: Record<NotifiedLevel, number> = { warning: 1, critical: 2 };
const USAGE_KEY: Record<string, 'cpu' | 'memory' | 'disk'> = { CPU: 'cpu', MEMORY: 'memory', DISK: 'disk' };

/**
 * Alertmanager's rules over the current alerts: send on appearance or escalation, repeat an
 * unchanged alert at most once per `repeat_minutes`, send "résolu" once when a notified alert clears
 * or drops below its notified level. What was delivered is kept in `notification_state`; a failed
 * delivery changes nothing there but `pending`, so the next run tries again.
 *
 * While the database cannot be written (file removed, replaced or read-only: DatabaseFileMonitor; or
 * a failing write, e.g. a full disk, which is when a DISK alert matters most) alerts still go out,
 * and what was delivered is kept in memory until it can be saved: a broken database must not turn
 * into one message per run.
 */
@Injectable()
export class DiscordNotifierService {
  private readonly logger = new Logger('Discord');
  private running: Promise<CheckResult> | null = null;
  /** Delivered (or failed) notifications not saved yet, for the webhook they were sent to. */
  private unsaved: { webhookUrl: string; rows: Map<string, NotificationState> } | null = null;

  constructor(
    private readonly discordSettings: DiscordSettingsService,
    private readonly alerts: AlertsService,
    private readonly metrics: MetricsService,
    private readonly client: DiscordWebhookClient,
    private readonly settings: AppSettings,
    @InjectRepository(NotificationState) private readonly states: Repository<NotificationState>,
    private readonly databaseFile: DatabaseFileMonitor,
    private readonly unitOfWork: UnitOfWork,
  ) {}

  /** One check; a call while one runs joins it (never two at once). */
  check(now: Date = new Date()): Promise<CheckResult> {
    if (!this.running) this.running = this.run(now).finally(() => (this.running = null));
    return this.running;
  }

  /** Resolves when no check is running (before the database closes). */
  async idle(): Promise<void> {
    await this.running?.catch(() => undefined);
  }

  private async run(now: Date): Promise<CheckResult> {
    const empty = { alerts: [], resolved: [] };
    const row = await this.discordSettings.find();
    if (!row) return { outcome: 'not-configured', ...empty };
    if (!row.enabled) return { outcome: 'disabled', ...empty };
    let webhook: DiscordWebhook;
    try {
      webhook = this.discordSettings.webhookOf(row);
    } catch (error) {
      const why = error instanceof WebhookUrlError ? error.message : String(error);
      await this.writing('last_error', () => this.discordSettings.recordError(`stored webhook URL refused: ${why}`, now));
      this.logger.warn(`Discord check skipped: stored webhook URL refused (${why})`);
      return { outcome: 'failed', ...empty, error: why };
    }

    const report = await this.alerts.current();
    const usage = this.metrics.usage();
    const levels = new Set(this.discordSettings.levelsOf(row));
    const current = new Map(report.alerts.filter((alert) => levels.has(alert.level)).map((alert) => [alert.type as string, alert]));
    // A different webhook since then was told nothing: what was kept for the old one is dropped.
    if (this.unsaved && this.unsaved.webhookUrl !== row.webhookUrl) this.unsaved = null;
    if (this.unsaved) await this.persist(row.webhookUrl, [...this.unsaved.rows.values()]);
    const states = new Map((await this.states.find()).map((state) => [state.alertType, state]));
    this.unsaved?.rows.forEach((state, type) => states.set(type, state));
    const repeatMs = row.repeatMinutes * 60_000;

    const toAlert: AlertItem[] = [];
    const toResolve: ResolvedItem[] = [];
    const forgotten: string[] = [];
    for (const type of new Set([...states.keys(), ...current.keys()])) {
      const state = states.get(type);
      const alert = current.get(type);
      const notified = state?.notifiedLevel ?? null;
      if (alert && (!notified || RANK[alert.level] > RANK[notified])) toAlert.push(alert);
      else if (alert && alert.level === notified) {
        const last = state?.lastSentAt?.getTime() ?? 0;
        if (now.getTime() - last >= repeatMs) toAlert.push(alert);
      } else if (alert && notified) toResolve.push({ type, level: notified, value: alert.value, nowLevel: alert.level });
      else if (notified) toResolve.push({ type, level: notified, value: usage[USAGE_KEY[type]] ?? null, nowLevel: null });
      else if (state?.pending) forgotten.push(type);
    }
    if (forgotten.length > 0) await this.persist(row.webhookUrl, forgotten.map((type) => ({ ...states.get(type)!, pending: false, updatedAt: now })));
    if (toAlert.length === 0 && toResolve.length === 0) return { outcome: 'nothing-to-send', ...empty };

    const hostname = this.metrics.sample().hostname;
    const messages = buildAlertMessages({ hostname, alerts: toAlert, resolved: toResolve, at: now });
    const result = await this.client.sendAll(webhook, messages);
    const what = describe(toAlert, toResolve);
    const types = [...toAlert.map((alert) => alert.type), ...toResolve.map((item) => item.type)];
    if (result.ok) {
      await this.persist(row.webhookUrl, [
        ...toAlert.map((alert) => stateRow(alert.type, alert.level, alert.value, now)),
        ...toResolve.map((item) => stateRow(item.type, item.nowLevel, item.value, now)),
      ]);
      await this.writing('last_sent_at', () => this.discordSettings.recordOutcome(result, now));
      this.logger.log(`Discord notified (${what}) to ${maskWebhook(webhook)}, ${result.attempts} request(s)`);
      return { outcome: 'sent', alerts: toAlert, resolved: toResolve };
    }
    await this.markPending(row.webhookUrl, types, states, now);
    await this.writing('last_error', () => this.discordSettings.recordOutcome(result, now));
    this.logger.warn(`Discord delivery failed (${what}) to ${maskWebhook(webhook)}: ${result.error}; kept pending for the next run`);
    return { outcome: 'failed', alerts: toAlert, resolved: toResolve, error: result.error };
  }

  /** `POST /config/discord/test`: a test message now, bounded by DISCORD_TIMEOUT_SECONDS. */
  async sendTest(): Promise<DiscordTestResponseDto> {
    const row = await this.discordSettings.find();
    if (!row) throw new ApiError(409, 'Conflit', 'Aucun webhook Discord configuré : utilisez POST /config/discord');
    let webhook: DiscordWebhook;
    try {
      webhook = this.discordSettings.webhookOf(row);
    } catch (error) {
      throw new ApiError(409, 'Conflit', `Le webhook enregistré n'est plus autorisé : ${(error as Error).message}`);
    }
    const now = new Date();
    const result: DeliveryResult = await this.client.send(
      webhook,
      buildTestMessage(this.metrics.sample().hostname, now),
      this.settings.discordTimeoutSeconds * 1000,
    );
    await this.discordSettings.recordOutcome(result, now);
    if (!result.ok) {
      this.logger.warn(`Discord test message to ${maskWebhook(webhook)} failed: ${result.error}`);
      if (result.status === undefined) throw new ApiError(504, 'Discord injoignable', `Discord n'a pas répondu : ${result.error}`);
      throw new ApiError(502, 'Erreur Discord', `Discord a refusé le message : ${result.error}`);
    }
    this.logger.log(`Discord test message sent to ${maskWebhook(webhook)}`);
    return {
      message: 'Message de test envoyé',
      delivered: true,
      discord_status: result.status ?? 200,
      attempts: result.attempts,
      sent_at: isoSeconds(now),
    };
  }

  /**
   * Saves notification rows; when the database cannot take them, keeps them in memory (they win over
   * the stored rows) and tries again at the next run.
   */
  private async persist(webhookUrl: string, rows: NotificationState[]): Promise<void> {
    const problem = this.databaseFile.problem();
    let why = problem;
    if (!problem) {
      try {
        await this.unitOfWork.run((manager) => manager.save(NotificationState, rows));
        rows.forEach((state) => this.unsaved?.rows.delete(state.alertType));
        if (this.unsaved?.rows.size === 0) {
          this.unsaved = null;
          this.logger.log('Discord notification state saved again');
        }
        return;
      } catch (error) {
        why = (error as Error)?.message ?? String(error);
      }
    }
    if (!this.unsaved) this.unsaved = { webhookUrl, rows: new Map() };
    for (const state of rows) this.unsaved.rows.set(state.alertType, state);
    this.logger.warn(`Discord notification state kept in memory until the database can be written (${why})`);
  }

  /** A bookkeeping write (last_sent_at, last_error) that must never cost a notification. */
  private async writing(what: string, write: () => Promise<void>): Promise<void> {
    const problem = this.databaseFile.problem();
    try {
      if (problem) throw new Error(problem);
      await write();
    } catch (error) {
      this.logger.warn(`Discord ${what} not recorded: ${(error as Error)?.message ?? String(error)}`);
    }
  }

  private async markPending(webhookUrl: string, types: string[], states: Map<string, NotificationState>, now: Date): Promise<void> {
    await this.persist(
      webhookUrl,
      types.map((type) => {
        const state = states.get(type);
        return {
          alertType: type,
          notifiedLevel: state?.notifiedLevel ?? null,
          lastValue: state?.lastValue ?? null,
          lastSentAt: state?.lastSentAt ?? null,
          pending: true,
          updatedAt: now,
        };
      }),
    );
  }
}

function stateRow(type: string, level: NotifiedLevel | null, value: number | null, now: Date): NotificationState {
  return { alertType: type, notifiedLevel: level, lastValue: value, lastSentAt: now, pending: false, updatedAt: now };
}

function describe(alerts: AlertItem[], resolved: ResolvedItem[]): string {
  return [
    ...alerts.map((alert) => `${alert.type} ${alert.level} ${alert.value}%`),
    ...resolved.map((item) => `${item.type} ${item.level} resolved`),
  ].join(', ');
}
