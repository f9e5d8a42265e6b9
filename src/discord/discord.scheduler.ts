import { BeforeApplicationShutdown, Injectable, Logger, OnApplicationBootstrap } from '@nestjs/common';
import { SchedulerRegistry } from '@nestjs/schedule';
import { CronJob } from 'cron';
import { AppSettings } from '../common/settings/app-settings';
import { DiscordNotifierService } from './discord-notifier.service';
import { DiscordWebhookClient } from './discord-webhook.client';

export const DISCORD_JOB = 'discord-alerts';

/**
 * Schedules the alert check on ALERTS_CRON (registered at start, since `@Cron()` takes only a
 * constant). Only schedules: the rules live in DiscordNotifierService.
 */
@Injectable()
export class DiscordScheduler implements OnApplicationBootstrap, BeforeApplicationShutdown {
  private readonly logger = new Logger('Discord');

  constructor(
    private readonly registry: SchedulerRegistry,
    private readonly notifier: DiscordNotifierService,
    private readonly settings: AppSettings,
    private readonly client: DiscordWebhookClient,
  ) {}

  onApplicationBootstrap(): void {
    const job = CronJob.from({ cronTime: this.settings.alertsCron, onTick: () => this.tick(), start: false });
    this.registry.addCronJob(DISCORD_JOB, job as never);
    job.start();
  }

  /** Never throws: a failed check is logged and the next tick tries again. */
  async tick(): Promise<void> {
    try {
      await this.notifier.check();
    } catch (error) {
      this.logger.error(`Discord alert check failed: ${(error as Error)?.message ?? String(error)}`);
    }
  }

  /**
   * Stops the job, cuts any wait for Discord short (a 429 may ask for a minute) and lets the check in
   * flight finish before the database closes; an interrupted delivery stays pending.
   */
  async beforeApplicationShutdown(): Promise<void> {
    if (this.registry.doesExist('cron', DISCORD_JOB)) this.registry.deleteCronJob(DISCORD_JOB);
    this.client.close();
    await this.notifier.idle();
  }
}
