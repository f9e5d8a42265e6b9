import { posix } from 'node:path';

/** A mount path is absolute and normalized (`/var`, `/`), at most 255 characters. */
export function mountPathProblem(mount: string): string | null {
  const shown = JSON.stringify(mount.slice(0, 60));
  if (mount.length === 0 || mount.length > 255) return `le point de montage ${shown} doit faire de 1 à 255 caractères`;
  if (!mount.startsWith('/') || /[\0-\x1f]/.test(mount) || posix.normalize(mount) !== mount || (mount !== '/' && mount.endsWith('/'))) {
    return `le point de montage ${shown} doit être un chemin absolu normalisé (ex. /var)`;
  }
  return null;
}
