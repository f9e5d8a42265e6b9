import { existsSync } from 'node:fs';
import { join } from 'node:path';

/**
 * Where `npm run build` puts the dashboard (`dist/public`, written by web/build.js). Found from
 * `dist/dashboard/` (production) and from `src/dashboard/` (tests run the sources with ts-jest).
 */
export function dashboardFolder(): string | undefined {
  const candidates = [join(__dirname, '..', 'public'), join(__dirname, '..', '..', 'dist', 'public')];
  return candidates.find((folder) => existsSync(join(folder, 'index.html')));
}
