import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { ThresholdsService } from '../src/config/thresholds.service';
import { TestApp } from './support/test-app';

describe('database (e2e)', () => {
  it('creates and migrates the database file at first start, with the default thresholds', async () => {
    const api = await TestApp.start({ PUBLIC_METRICS: 'true' });
    try {
      expect(existsSync(join(api.dir, 'healthcheck.sqlite'))).toBe(true);
      const thresholds = await api.app.get(ThresholdsService).current();
      expect(thresholds).toEqual({
        cpu: { warning: 70, critical: 90, for_minutes: 0, clear_margin: 0 },
        memory: { warning: 70, critical: 85, for_minutes: 0, clear_margin: 0 },
        disk: { warning: 80, critical: 90, for_minutes: 0, clear_margin: 0 },
        disk_mounts: {},
        ignored_mounts: [],
      });
    } finally {
      await api.close();
    }
  });

  it('keeps changed thresholds across a restart, and /alerts uses them', async () => {
    let api = await TestApp.start({ PUBLIC_METRICS: 'true' });
    try {
      await api.app.get(ThresholdsService).update({ resources: { disk: { warning: 0, critical: 1 } } }, null);
      api = await api.restart();
      const thresholds = await api.app.get(ThresholdsService).current();
      expect(thresholds.disk).toEqual({ warning: 0, critical: 1, for_minutes: 0, clear_margin: 0 });
      expect(thresholds.cpu).toEqual({ warning: 70, critical: 90, for_minutes: 0, clear_margin: 0 });
      const { body } = await api.get('/alerts');
      const disk = body.alerts.find((alert: { type: string }) => alert.type === 'DISK');
      expect(disk).toMatchObject({ level: 'critical', threshold: 1, message: `Disk usage is at ${disk.value}%` });
    } finally {
      await api.close();
    }
  });

  it('creates the folder of DATABASE_PATH when it is missing', async () => {
    const first = await TestApp.start();
    const nested = join(first.dir, 'deep', 'er', 'db.sqlite');
    await first.app.close();
    const api = await TestApp.start({ DATABASE_PATH: nested }, first.dir);
    try {
      expect(existsSync(nested)).toBe(true);
    } finally {
      await api.close();
    }
  });
});
