import { Injectable, Logger } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { Repository } from 'typeorm';
import { ActiveAlert } from '../alerts/alert-engine';
import { AlertEngineService } from '../alerts/alert-engine.service';
import type { AlertType } from '../alerts/alert-evaluator';
import { AlertHistoryService } from '../alerts/alert-history.service';
import { isoSeconds } from '../common/format/time';
import { ApiError } from '../common/http/api-error';
import { AppSettings } from '../common/settings/app-settings';
import { DatabaseFileMonitor } from '../database/database-file.monitor';
import { UnitOfWork } from '../database/unit-of-work';
import { MetricsService } from '../metrics/metrics.service';
import { toItem } from './alert-item';
import { DiscordLastMessageService } from './discord-last-message.service';
import { AlertItem, BetweenItem, buildAlertMessages, buildTestMessage, NotifiedLevel, ResolvedItem } from './discord-message.builder';
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
  /** Stored episodes that opened and closed since the previous check. */
  between: BetweenItem[];
  /** Open alerts left out because a silence covers them. */
  silenced: number;
  error?: string;
}

const RANK: Record<NotifiedLevel, number> = { warning: 1, critical: 2 };

/** The type and mount of an engine key: `CPU`, `DISK` (DISK_PATH's mount), `DISK:/var`. */
function parseKey(key: string, primaryMount: string): { type: AlertType; mount: string | null } {
  if (key.startsWith('DISK:')) return { type: 'DISK', mount: key.slice(5) };
  return { type: key as AlertType, mount: key === 'DISK' ? primaryMount : null };
}


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
  /** When the last check that reached its end began (real time): the between-runs report starts there. */
  private lastRunAt = Date.now();
  /** Delivered (or failed) notifications not saved yet, for the webhook they were sent to. */
  private unsaved: { webhookUrl: string; rows: Map<string, NotificationState> } | null = null;

  constructor(
    private readonly discordSettings: DiscordSettingsService,
    private readonly engine: AlertEngineService,
    private readonly history: AlertHistoryService,
    private readonly metrics: MetricsService,
    private readonly client: DiscordWebhookClient,
    private readonly settings: AppSettings,
    @InjectRepository(NotificationState) private readonly states: Repository<NotificationState>,
    private readonly databaseFile: DatabaseFileMonitor,
    private readonly unitOfWork: UnitOfWork,
    private readonly lastMessage: DiscordLastMessageService,
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
    const empty = { alerts: [], resolved: [], between: [], silenced: 0 };
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

    const snapshot = this.engine.current();
    const primary = this.engine.primaryMount();
    const levels = new Set(this.discordSettings.levelsOf(row));
    const shown = snapshot.alerts.filter((alert) => levels.has(alert.level));
    const silencedCount = shown.filter((alert) => alert.silenceId !== null).length;
    const current = new Map(shown.filter((alert) => alert.silenceId === null).map((alert) => [alert.key, alert]));
    // A different webhook since then was told nothing: what was kept for the old one is dropped.
    if (this.unsaved && this.unsaved.webhookUrl !== row.webhookUrl) this.unsaved = null;
    if (this.unsaved) await this.persist(row.webhookUrl, [...this.unsaved.rows.values()]);
    const states = new Map((await this.states.find()).map((state) => [state.alertType, state]));
    this.unsaved?.rows.forEach((state, type) => states.set(type, state));
    const repeatMs = row.repeatMinutes * 60_000;
    const runStartedAt = Date.now();

    const toAlert: ActiveAlert[] = [];
    const toResolve: ResolvedItem[] = [];
    const forgotten: NotificationState[] = [];
    for (const key of new Set([...states.keys(), ...current.keys()])) {
      const state = states.get(key);
      const alert = current.get(key);
      const notified = state?.notifiedLevel ?? null;
      const { type, mount } = parseKey(key, primary);
      if (!alert && notified && this.engine.silenceOf(type, mount, runStartedAt)) {
        // Silenced: nothing goes out, and what Discord was told is forgotten, so that an alert still
        // open when the silence ends is notified then as a new one.
        forgotten.push({ ...state!, notifiedLevel: null, pending: false, updatedAt: now });
        continue;
      }
      if (alert && (!notified || RANK[alert.level] > RANK[notified])) toAlert.push(alert);
      else if (alert && alert.level === notified) {
        const last = state?.lastSentAt?.getTime() ?? 0;
        if (now.getTime() - last >= repeatMs) toAlert.push(alert);
      } else if (alert && notified) {
        toResolve.push({ type, mount: key === type ? undefined : mount ?? undefined, level: notified, value: alert.value, nowLevel: alert.level, since: alert.since, peak: alert.peak });
      } else if (notified) {
        const episode = this.engine.lastResolved(key);
        toResolve.push({
          type,
          mount: key === type ? undefined : mount ?? undefined,
          level: notified,
          value: this.engine.latestValue(key),
          nowLevel: null,
          ...(episode ? { since: episode.openedAt, until: episode.resolvedAt ?? undefined, peak: episode.peak } : {}),
        });
      } else if (state?.pending) forgotten.push({ ...state, pending: false, updatedAt: now });
    }
    if (forgotten.length > 0) await this.persist(row.webhookUrl, forgotten);
    const between = await this.betweenRuns(levels, runStartedAt);
    const alertItems = toAlert.map(toItem);
    if (alertItems.length === 0 && toResolve.length === 0 && between.length === 0) {
      this.lastRunAt = runStartedAt;
      return { outcome: 'nothing-to-send', ...empty, silenced: silencedCount };
    }

    const hostname = this.metrics.sample().hostname;
    const messages = buildAlertMessages({ hostname, alerts: alertItems, resolved: toResolve, between, at: now });
    const result = await this.client.sendAll(webhook, messages);
    const what = describe(alertItems, toResolve, between);
    const resolvedKeys = toResolve.map((item) => (item.mount ? `${item.type}:${item.mount}` : item.type));
    const keys = [...toAlert.map((alert) => alert.key), ...resolvedKeys];
    const delivered = result.deliveredBody;
    if (delivered !== undefined) await this.writing('last message', () => this.lastMessage.record(delivered, now));
    if (result.ok) {
      await this.persist(row.webhookUrl, [
        ...toAlert.map((alert) => stateRow(alert.key, alert.level, alert.value, now)),
        ...toResolve.map((item, i) => stateRow(resolvedKeys[i], item.nowLevel, item.value, now)),
      ]);
      await this.writing('last_sent_at', () => this.discordSettings.recordOutcome(result, now));
      this.lastRunAt = runStartedAt;
      this.logger.log(`Discord notified (${what}) to ${maskWebhook(webhook)}, ${result.attempts} request(s)`);
      return { outcome: 'sent', alerts: alertItems, resolved: toResolve, between, silenced: silencedCount };
    }
    await this.markPending(row.webhookUrl, keys, states, now);
    await this.writing('last_error', () => this.discordSettings.recordOutcome(result, now));
    this.logger.warn(`Discord delivery failed (${what}) to ${maskWebhook(webhook)}: ${result.error}; kept pending for the next run`);
    return { outcome: 'failed', alerts: alertItems, resolved: toResolve, between, silenced: silencedCount, error: result.error };
  }

  /**
   * Stored episodes that opened after the previous check and closed before this one, never seen by
   * a check: reported once, in one short line each (silenced ones and levels not notified left out).
   */
  private async betweenRuns(levels: Set<string>, until: number): Promise<BetweenItem[]> {
    try {
      const rows = await this.history.closedBetween(new Date(this.lastRunAt), new Date(until));
      return rows
        .filter((row) => !row.silenced && levels.has(row.level))
        .map((row) => ({
          type: row.type,
          ...(row.alertKey !== row.type && row.mount ? { mount: row.mount } : {}),
          level: row.level,
          openedAt: row.openedAt.getTime(),
          resolvedAt: row.resolvedAt!.getTime(),
          peak: row.peakValue,
        }));
    } catch (error) {
      this.logger.warn(`alert history not read: ${(error as Error).message}`);
      return [];
    }
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
    if (result.deliveredBody !== undefined) await this.lastMessage.record(result.deliveredBody, now);
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

function describe(alerts: AlertItem[], resolved: ResolvedItem[], between: BetweenItem[]): string {
  const on = (mount?: string) => (mount ? ` ${mount}` : '');
  return [
    ...alerts.map((alert) => `${alert.type}${on(alert.mount)} ${alert.level} ${alert.value}%`),
    ...resolved.map((item) => `${item.type}${on(item.mount)} ${item.level} resolved`),
    ...between.map((item) => `${item.type}${on(item.mount)} ${item.level} between checks`),
  ].join(', ');
}
