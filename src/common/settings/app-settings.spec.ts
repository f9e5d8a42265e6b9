import { AppSettings, SettingsError } from './app-settings';

describe('AppSettings.fromEnv', () => {
  it('gives the documented defaults', () => {
    const settings = AppSettings.fromEnv({});
    expect(settings).toMatchObject({
      port: 3000,
      host: '0.0.0.0',
      databasePath: './data/healthcheck.sqlite',
      diskPath: '/',
      monitoredServices: ['nginx', 'mysql', 'redis'],
      swaggerEnabled: true,
    });
  });

  it('reads and converts the variables', () => {
    const settings = AppSettings.fromEnv({ PORT: '8080', MONITORED_SERVICES: ' nginx , postgresql ,', SWAGGER_ENABLED: 'false' });
    expect(settings.port).toBe(8080);
    expect(settings.monitoredServices).toEqual(['nginx', 'postgresql']);
    expect(settings.swaggerEnabled).toBe(false);
  });

  it.each([
    ['PORT', 'abc'],
    ['PORT', '70000'],
    ['SAMPLE_INTERVAL_SECONDS', '0'],
    ['SWAGGER_ENABLED', 'maybe'],
    ['LOG_LEVEL', 'loud'],
    ['NODE_ENV', 'staging'],
  ])('refuses %s=%s with a message naming the variable', (name, value) => {
    expect(() => AppSettings.fromEnv({ [name]: value })).toThrow(SettingsError);
    expect(() => AppSettings.fromEnv({ [name]: value })).toThrow(name);
  });
});
