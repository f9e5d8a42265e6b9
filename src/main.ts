// First: the GC settings must be in place before the modules allocate.
import './common/runtime/lean-heap';
import 'reflect-metadata';
import { INestApplication, Logger } from '@nestjs/common';
import { createApp } from './app.factory';
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
  await app.listen(settings.port, settings.host);
  new Logger('HealthCheck').log(`listening on ${await app.getUrl()} (docs at /docs)`);
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
