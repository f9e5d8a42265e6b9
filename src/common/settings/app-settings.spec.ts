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
      requestTimeoutSeconds: 30,
    });
    expect(AppSettings.fromEnv({ REQUEST_TIMEOUT_SECONDS: '5' }).requestTimeoutSeconds).toBe(5);
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
    ['REQUEST_TIMEOUT_SECONDS', '0'],
    ['REQUEST_TIMEOUT_SECONDS', '601'],
    ['REQUEST_TIMEOUT_SECONDS', '2s'],
    ['TRUST_PROXY', 'true'],
    ['TRUST_PROXY', '11'],
    ['TRUST_PROXY', '10.0.0.0/33'],
    ['TRUST_PROXY', 'proxy.example.com'],
  ])('refuses %s=%s with a message naming the variable', (name, value) => {
    expect(() => AppSettings.fromEnv({ [name]: value })).toThrow(SettingsError);
    expect(() => AppSettings.fromEnv({ [name]: value })).toThrow(name);
  });

  it.each([
    [undefined, false],
    ['', false],
    ['false', false],
    ['1', 1],
    ['127.0.0.1, 10.0.0.0/8', ['127.0.0.1', '10.0.0.0/8']],
    ['loopback,fd00::/8,::1', ['loopback', 'fd00::/8', '::1']],
  ])('reads TRUST_PROXY=%s as %j', (value, expected) => {
    expect(AppSettings.fromEnv(value === undefined ? {} : { TRUST_PROXY: value }).trustProxy).toEqual(expected);
  });
});
