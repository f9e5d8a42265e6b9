import { readFile, realpath, stat, statfs } from 'node:fs/promises';
import { PSEUDO_FS } from '../metrics/sampler.service';

export interface MountEntry {
  device: string;
  mount: string;
  fsType: string;
}

/** `/proc/self/mounts` escapes spaces, tabs, newlines and backslashes as octal (`\040`). */
const unescape = (text: string) => text.replace(/\\([0-7]{3})/g, (_, octal: string) => String.fromCharCode(parseInt(octal, 8)));

export function parseMounts(text: string): MountEntry[] {
  const entries: MountEntry[] = [];
  for (const line of text.split('\n')) {
    const [device, mount, fsType] = line.split(' ');
    if (!device || !mount || !fsType) continue;
    entries.push({ device: unescape(device), mount: unescape(mount), fsType });
  }
  return entries;
}

/** The mount holding `path`: the longest mount point that is `path` or one of its parents. */
export function mountOf(path: string, mounts: readonly MountEntry[]): string | null {
  let best: string | null = null;
  for (const { mount } of mounts) {
    const holds = mount === '/' || path === mount || path.startsWith(mount + '/');
    if (holds && (best === null || mount.length > best.length)) best = mount;
  }
  return best;
}

/**
 * The real file systems to watch: pseudo ones (tmpfs, overlay, proc...) and snaps left out, one
 * mount point per device (a bind mount of a file system already listed shows the same usage), and
 * only directories (Docker bind-mounts files such as /etc/hosts).
 */
export async function realMounts(entries: readonly MountEntry[]): Promise<MountEntry[]> {
  const byDevice = new Map<string, MountEntry>();
  const byPath = new Map<string, MountEntry>();
  for (const entry of entries) {
    if (PSEUDO_FS.has(entry.fsType) || entry.mount.startsWith('/snap/')) continue;
    byPath.set(entry.mount, entry);
  }
  for (const entry of byPath.values()) {
    const isDirectory = await stat(entry.mount).then((info) => info.isDirectory(), () => false);
    if (!isDirectory) continue;
    const known = byDevice.get(entry.device);
    if (!known || entry.mount.length < known.mount.length) byDevice.set(entry.device, entry);
  }
  return [...byDevice.values()].sort((a, b) => a.mount.localeCompare(b.mount));
}

/** Usage of a file system as `df` counts it (used / (used + available)), one decimal; null when unreadable. */
export async function mountUsage(mount: string): Promise<number | null> {
  try {
    const stats = await statfs(mount);
    const used = (stats.blocks - stats.bfree) * stats.bsize;
    const total = used + stats.bavail * stats.bsize;
    return stats.blocks > 0 && total > 0 ? Math.round((used / total) * 1000) / 10 : null;
  } catch {
    return null;
  }
}

/** The watched mounts: DISK_PATH's mount (the primary one, whatever its type) and every other real one. */
export async function watchedMounts(diskPath: string): Promise<{ primary: string | null; others: string[] }> {
  const entries = parseMounts(await readFile('/proc/self/mounts', 'utf8').catch(() => ''));
  const resolved = await realpath(diskPath).catch(() => diskPath);
  const primary = mountOf(resolved, entries);
  const real = await realMounts(entries);
  const primaryDevice = entries.filter((entry) => entry.mount === primary).pop()?.device;
  return {
    primary,
    others: real.filter((entry) => entry.mount !== primary && entry.device !== primaryDevice).map((entry) => entry.mount),
  };
}
