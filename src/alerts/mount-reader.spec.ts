import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { mountOf, mountUsage, parseMounts, realMounts } from './mount-reader';

const MOUNTS = [
  'proc /proc proc rw,relatime 0 0',
  'sysfs /sys sysfs rw 0 0',
  'tmpfs /run tmpfs rw 0 0',
  'overlay / overlay rw 0 0',
  '/dev/sda1 / ext4 rw 0 0',
  '/dev/sda2 /var ext4 rw 0 0',
  '/dev/sda3 /srv/my\\040data xfs rw 0 0',
  '/dev/loop0 /snap/core/1 squashfs ro 0 0',
  'cgroup2 /sys/fs/cgroup cgroup2 rw 0 0',
  '',
].join('\n');

describe('mount reader', () => {
  it('parses /proc/self/mounts, unescaping octal sequences', () => {
    const entries = parseMounts(MOUNTS);
    expect(entries).toHaveLength(9);
    expect(entries[6]).toEqual({ device: '/dev/sda3', mount: '/srv/my data', fsType: 'xfs' });
  });

  it("finds the mount holding a path (the longest mount point that is it or a parent)", () => {
    const entries = parseMounts(MOUNTS);
    expect(mountOf('/var/lib/docker', entries)).toBe('/var');
    expect(mountOf('/var', entries)).toBe('/var');
    expect(mountOf('/variable', entries)).toBe('/');
    expect(mountOf('/home/me', entries)).toBe('/');
    expect(mountOf('/run/user/1000', entries)).toBe('/run');
  });

  it('keeps real file systems only: no pseudo ones, no snaps, no missing directories, one mount point per device', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'hc-mounts-'));
    try {
      writeFileSync(join(dir, 'hosts'), '127.0.0.1 localhost\n');
      const entries = parseMounts(
        [
          'tmpfs /tmp tmpfs rw 0 0',
          `/dev/sda1 ${dir} ext4 rw 0 0`,
          `/dev/sda1 ${join(dir, 'hosts')} ext4 rw 0 0`,
          `/dev/sdb1 ${dir}/missing xfs rw 0 0`,
          '/dev/sda1 / ext4 rw 0 0',
          'proc /proc proc rw 0 0',
        ].join('\n'),
      );
      expect((await realMounts(entries)).map((entry) => entry.mount)).toEqual(['/']);
      const alone = parseMounts(`/dev/sdc1 ${dir} ext4 rw 0 0\n/dev/sdc9 / overlay rw 0 0`);
      expect((await realMounts(alone)).map((entry) => entry.mount)).toEqual([dir]);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('reads a usage percentage as df does, null for a path that cannot be read', async () => {
    const usage = await mountUsage('/');
    expect(usage).toEqual(expect.any(Number));
    expect(usage).toBeGreaterThanOrEqual(0);
    expect(usage).toBeLessThanOrEqual(100);
    expect(await mountUsage('/surely/not/here')).toBeNull();
  });
});
