import { isoSeconds } from './time';
import { bytesToGiB, bytesToMiB, percentOf, round1 } from './units';
import { frenchUptime, shortDuration } from './uptime';

describe('frenchUptime', () => {
  it('uses the singular for one of each unit', () => {
    expect(frenchUptime(86400 + 3600 + 60).formatted).toBe('1 jour, 1 heure, 1 minute');
  });

  it('uses the plural above one', () => {
    expect(frenchUptime(45 * 86400 + 12 * 3600 + 30 * 60 + 59)).toEqual({
      days: 45,
      hours: 12,
      minutes: 30,
      formatted: '45 jours, 12 heures, 30 minutes',
    });
  });

  it('keeps zero in the singular, as French does', () => {
    expect(frenchUptime(59).formatted).toBe('0 jour, 0 heure, 0 minute');
  });
});

describe('shortDuration', () => {
  it.each([
    [5 * 86400 + 100, '5 days'],
    [86400, '1 day'],
    [3 * 3600 + 59, '3 hours'],
    [3600, '1 hour'],
    [61, '1 minute'],
    [59, '59 seconds'],
    [1, '1 second'],
    [0, '0 seconds'],
  ])('%d s is "%s"', (seconds, text) => {
    expect(shortDuration(seconds)).toBe(text);
  });
});

describe('units', () => {
  it('converts bytes to GiB (1024³) with one decimal', () => {
    expect(bytesToGiB(16 * 1024 ** 3)).toBe(16);
    expect(bytesToGiB(10.55 * 1024 ** 3)).toBe(10.6);
    expect(bytesToGiB(500 * 1000 ** 3)).toBe(465.7);
  });

  it('converts bytes to MiB (1024²) with one decimal', () => {
    expect(bytesToMiB(1250.5 * 1024 ** 2)).toBe(1250.5);
    expect(bytesToMiB(1024)).toBe(0);
  });

  it('rounds percentages to one decimal and survives a zero total', () => {
    expect(percentOf(10.5, 16)).toBe(65.6);
    expect(percentOf(1, 0)).toBe(0);
    expect(round1(94.25)).toBe(94.3);
  });
});

describe('isoSeconds', () => {
  it('prints UTC to the second with Z', () => {
    expect(isoSeconds(Date.UTC(2025, 0, 8, 15, 30, 0, 999))).toBe('2025-01-08T15:30:00Z');
  });
});
