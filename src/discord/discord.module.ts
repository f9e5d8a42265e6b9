import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { AlertsModule } from '../alerts/alerts.module';
import { AppSettings } from '../common/settings/app-settings';
import { MetricsModule } from '../metrics/metrics.module';
import { User } from '../users/entities/user.entity';
import { DiscordLastMessageService } from './discord-last-message.service';
import { DiscordNotifierService } from './discord-notifier.service';
import { DiscordSettingsService } from './discord-settings.service';
import { DiscordWebhookClient } from './discord-webhook.client';
import { DiscordController } from './discord.controller';
import { DiscordScheduler } from './discord.scheduler';
import { DiscordLastMessage } from './entities/discord-last-message.entity';
import { DiscordSettings } from './entities/discord-settings.entity';
import { NotificationState } from './entities/notification-state.entity';

@Module({
  imports: [TypeOrmModule.forFeature([DiscordSettings, NotificationState, DiscordLastMessage, User]), AlertsModule, MetricsModule],
  controllers: [DiscordController],
  providers: [
    DiscordSettingsService,
    DiscordLastMessageService,
    DiscordNotifierService,
    DiscordScheduler,
    {
      provide: DiscordWebhookClient,
      inject: [AppSettings],
      useFactory: (settings: AppSettings) => new DiscordWebhookClient({ timeoutMs: settings.discordTimeoutSeconds * 1000 }),
    },
  ],
  exports: [DiscordSettingsService, DiscordNotifierService],
})
export class DiscordModule {}
