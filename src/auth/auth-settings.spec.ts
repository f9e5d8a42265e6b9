import { AppSettings } from '../common/settings/app-settings';
import { bearerToken } from './guards/auth.guard';

describe('auth settings', () => {
  it('reads TOKEN_TTL as seconds or with a unit', () => {
    expect(AppSettings.fromEnv({}).tokenTtlSeconds).toBe(86_400);
    expect(AppSettings.fromEnv({ TOKEN_TTL: '3600' }).tokenTtlSeconds).toBe(3600);
    expect(AppSettings.fromEnv({ TOKEN_TTL: '30m' }).tokenTtlSeconds).toBe(1800);
    expect(AppSettings.fromEnv({ TOKEN_TTL: '24h' }).tokenTtlSeconds).toBe(86_400);
    expect(AppSettings.fromEnv({ TOKEN_TTL: '7d' }).tokenTtlSeconds).toBe(604_800);
  });

  it.each(['abc', '10', '-5m', '31d', '1.5h'])('refuses TOKEN_TTL=%s', (value) => {
    expect(() => AppSettings.fromEnv({ TOKEN_TTL: value })).toThrow(/TOKEN_TTL/);
  });

  it('treats an empty ADMIN_PASSWORD or JWT_SECRET as unset, and refuses short ones', () => {
    const settings = AppSettings.fromEnv({ ADMIN_PASSWORD: '', JWT_SECRET: '' });
    expect(settings.adminPassword).toBeUndefined();
    expect(settings.jwtSecret).toBeUndefined();
    expect(() => AppSettings.fromEnv({ ADMIN_PASSWORD: 'short' })).toThrow(/ADMIN_PASSWORD/);
    expect(() => AppSettings.fromEnv({ JWT_SECRET: 'too-short' })).toThrow(/JWT_SECRET/);
    expect(AppSettings.fromEnv({ PUBLIC_METRICS: 'true' }).publicMetrics).toBe(true);
    expect(AppSettings.fromEnv({}).publicMetrics).toBe(false);
  });

  it.each([
    ['password123', /most common/],
    ['12345678', /most common/],
    ['        ', /only spaces/],
    ['My-Admin-Pass-9', /username 'admin'/],
    ['short', /8 to 256/],
  ])('refuses ADMIN_PASSWORD=%j by the password rule, without repeating it', (value, why) => {
    expect(() => AppSettings.fromEnv({ ADMIN_PASSWORD: value })).toThrow(why);
    expect(() => AppSettings.fromEnv({ ADMIN_PASSWORD: value })).toThrow(/^Invalid environment variable ADMIN_PASSWORD \(value not shown\)/);
    try {
      AppSettings.fromEnv({ ADMIN_PASSWORD: value });
    } catch (error) {
      expect((error as Error).message).not.toContain(value);
    }
    expect(AppSettings.fromEnv({ ADMIN_PASSWORD: 'Chosen-At-Install-1' }).adminPassword).toBe('Chosen-At-Install-1');
  });

  it('extracts a Bearer token only', () => {
    expect(bearerToken('Bearer abc.def')).toBe('abc.def');
    expect(bearerToken('bearer abc')).toBe('abc');
    expect(bearerToken('Bearer ')).toBeUndefined();
    expect(bearerToken('Basic YWRtaW4=')).toBeUndefined();
    expect(bearerToken('Bearerabc')).toBeUndefined();
    expect(bearerToken(undefined)).toBeUndefined();
  });
});
