import 'reflect-metadata';
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
  await app.listen(settings.port, settings.host);
  process.stdout.write(`HealthCheck listening on http://${settings.host}:${settings.port} (docs at /docs)\n`);
}

main().catch((error: unknown) => {
  process.stderr.write(`HealthCheck failed to start: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
  process.exit(1);
});
