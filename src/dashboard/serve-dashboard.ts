import fastifyStatic from '@fastify/static';
import { Logger } from '@nestjs/common';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import type { AppSettings } from '../common/settings/app-settings';
import { dashboardFolder } from './dashboard-files';

/**
 * Serves the built dashboard at `/` (index.html) and `/assets/*`. The files are public: they hold
 * no data, and the page asks for a token before it calls the API. Each file gets its own route
 * (`wildcard: false`), so unknown paths still reach the API's JSON 404 and no API route is shadowed.
 * Registered before `app.init()`: a plugin registered later boots Fastify early, and Nest's error
 * handler then misses Fastify's own errors (bad JSON, 413).
 */
export async function serveDashboard(app: NestFastifyApplication, settings: AppSettings): Promise<void> {
  if (!settings.dashboardEnabled) return;
  const root = dashboardFolder();
  if (root === undefined) {
    new Logger('Dashboard').warn('Dashboard not built (dist/public/index.html missing): run `npm run build`; / is not served');
    return;
  }
  await app.register(fastifyStatic, {
    root,
    prefix: '/',
    wildcard: false,
    index: ['index.html'],
    decorateReply: false,
    // Bundles are not fingerprinted: let browsers revalidate them (ETag) rather than keep stale code.
    cacheControl: true,
    maxAge: 0,
  });
}
