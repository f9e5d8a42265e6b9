// First: the GC settings must be in place before the modules allocate.
import './common/runtime/lean-heap';
import 'reflect-metadata';
import { INestApplication, Logger } from '@nestjs/common';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { createApp } from './app.factory';
import { AuthService } from './auth/auth.service';
import { browseUrl, listenUrl } from './common/http/listen-url';
import { AppSettings, SettingsError } from './common/settings/app-settings';

async function main(): Promise<void> {
  let settings: AppSettings;
  try {
    settings = AppSettings.fromEnv();
  } catch (error) {
    if (error instanceof SettingsError) {
      process.stderr.write(`HealthCheck cannot start: ${error.message}\n`);
      process.exit(1);
    }
    throw error;
  }
  const app = await createApp(settings);
  stopOnSignals(app);
  await listenWithoutPerInterfaceLines(app, settings);
  const logger = new Logger('HealthCheck');
  const address = app.getHttpServer().address();
  logger.log(`listening on ${listenUrl(settings.host, address)}${settings.swaggerEnabled ? ' (docs at /docs)' : ''}`);
  if (await app.get(AuthService).defaultPasswordUnchanged()) {
    logger.warn(
      `The account admin still has the default password admin123: log in at ${browseUrl(settings.host, address)}/ and change it ` +
        '(or POST /login, then POST /change-password); set ADMIN_PASSWORD before a first start to skip this',
    );
  }
}

/**
 * Fastify logs "Server listening at" at info once per interface of the machine (a dozen on a host
 * with containers), naming addresses HOST may not even be; the line logged after this names the
 * bind address once. Fastify has no option for it, so its logger's info writes at debug meanwhile.
 */
async function listenWithoutPerInterfaceLines(app: NestFastifyApplication, settings: AppSettings): Promise<void> {
  const log = app.getHttpAdapter().getInstance().log;
  const info = log.info;
  log.info = log.debug;
  try {
    await app.listen(settings.port, settings.host);
  } finally {
    log.info = info;
  }
}

/**
 * SIGTERM/SIGINT: stop accepting, let requests in flight finish, stop the scheduler, close the
 * database (Nest's shutdown hooks), then exit 0. A second signal, or 30 s, forces the exit.
 */
function stopOnSignals(app: INestApplication): void {
  let stopping = false;
  const stop = (signal: NodeJS.Signals) => {
    if (stopping) {
      process.stderr.write(`HealthCheck: ${signal} again, exiting now\n`);
      process.exit(1);
    }
    stopping = true;
    new Logger('HealthCheck').log(`${signal} received, finishing requests in flight`);
    setTimeout(() => {
      process.stderr.write('HealthCheck: shutdown took over 30 s, exiting\n');
      process.exit(1);
    }, 30_000).unref();
    app.close().then(
      () => process.exit(0),
      (error: unknown) => {
        process.stderr.write(`HealthCheck: error while stopping: ${error instanceof Error ? error.message : String(error)}\n`);
        process.exit(1);
      },
    );
  };
  process.on('SIGTERM', stop);
  process.on('SIGINT', stop);
}

main().catch((error: unknown) => {
  process.stderr.write(`HealthCheck failed to start: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
  process.exit(1);
});
