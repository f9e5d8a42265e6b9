import { CronTime } from 'cron';
import { AppSettings, SettingsError } from '../common/settings/app-settings';
import { DEFAULT_DISCORD_HOSTS } from './webhook-url';

describe('Discord settings from the environment', () => {
  it('defaults: every 5 minutes, the four Discord hosts, 10 s per request', () => {
    const settings = AppSettings.fromEnv({});
    expect(settings.alertsCron).toBe('*/5 * * * *');
    expect(settings.discordAllowedHosts).toEqual(DEFAULT_DISCORD_HOSTS);
    expect(settings.discordAllowedHosts).toEqual(['discord.com', 'discordapp.com', 'ptb.discord.com', 'canary.discord.com']);
    expect(settings.discordTimeoutSeconds).toBe(10);
  });

  it('accepts a five-field ALERTS_CRON and a six-field one with seconds first', () => {
    expect(AppSettings.fromEnv({ ALERTS_CRON: ' 0 * * * * ' }).alertsCron).toBe('0 * * * *');
    const everySecond = AppSettings.fromEnv({ ALERTS_CRON: '*/1 * * * * *' }).alertsCron;
    expect(everySecond).toBe('*/1 * * * * *');
    // what the scheduler will do with it: the next two runs one second apart
    const [first, second] = new CronTime(everySecond).sendAt(2).map((at) => at.toMillis());
    expect(second - first).toBe(1000);
  });

  it.each([
    ['ALERTS_CRON', '*/5 * * *'],
    ['ALERTS_CRON', '0 0 * * * * *'],
    ['ALERTS_CRON', '61 * * * *'],
    ['ALERTS_CRON', 'every 5 minutes'],
    ['ALERTS_CRON', '@hourly'],
    ['DISCORD_ALLOWED_HOSTS', ''],
    ['DISCORD_ALLOWED_HOSTS', ' , '],
    ['DISCORD_ALLOWED_HOSTS', 'https://discord.com'],
    ['DISCORD_ALLOWED_HOSTS', 'discord.com/api'],
    ['DISCORD_ALLOWED_HOSTS', 'discord.com,evil host'],
    ['DISCORD_TIMEOUT_SECONDS', '0'],
    ['DISCORD_TIMEOUT_SECONDS', '61'],
    ['DISCORD_TIMEOUT_SECONDS', '2.5'],
  ])('refuses %s=%j at start, naming the variable', (name, value) => {
    expect(() => AppSettings.fromEnv({ [name]: value })).toThrow(SettingsError);
    expect(() => AppSettings.fromEnv({ [name]: value })).toThrow(name);
  });

  it('reads DISCORD_ALLOWED_HOSTS as a trimmed, lower-case list, ports and loopback included', () => {
    const settings = AppSettings.fromEnv({ DISCORD_ALLOWED_HOSTS: ' Discord.com , 127.0.0.1,localhost:4200,[::1] ', DISCORD_TIMEOUT_SECONDS: '3' });
    expect(settings.discordAllowedHosts).toEqual(['discord.com', '127.0.0.1', 'localhost:4200', '[::1]']);
    expect(settings.discordTimeoutSeconds).toBe(3);
  });
});
