import { NestFactory } from '@nestjs/core';
import { FastifyAdapter, NestFastifyApplication } from '@nestjs/platform-fastify';
import { LogController } from 'fastify';
import { AppModule } from './app.module';
import { applyHttpHardening, genReqId } from './common/http/http-hardening';
import { acceptJsonBodiesOnly } from './common/http/json-body';
import { requestTimeoutOptions } from './common/http/request-timeout';
import { RouteTable } from './common/http/route-table';
import { makeRequestLoggersLazy } from './common/logging/lazy-request-loggers';
import { PinoNestLogger } from './common/logging/pino-nest-logger';
import { AppSettings } from './common/settings/app-settings';
import { serveDashboard } from './dashboard/serve-dashboard';
import { setupSwagger } from './swagger';

/** Builds the application (not listening yet): the same wiring for `main.ts` and the e2e tests. */
export async function createApp(settings: AppSettings): Promise<NestFastifyApplication> {
  const routes = new RouteTable();
  const adapter = new FastifyAdapter({
    logger: settings.logLevel === 'silent' ? false : { level: settings.logLevel },
    // No per-request log line: the metric routes are a hot path.
    logController: new LogController({ disableRequestLogging: true }),
    bodyLimit: 64 * 1024,
    ...requestTimeoutOptions(settings.requestTimeoutSeconds),
    genReqId,
    requestIdHeader: false,
    // Behind a reverse proxy, the client's address (rate limits, login lock, audit) comes from
    // X-Forwarded-For, believed only from the proxies TRUST_PROXY names.
    trustProxy: settings.trustProxy,
    // No Nest middleware in this app: without @fastify/middie, no request pays for its hook.
    skipMiddie: true,
  });
  const fastify = adapter.getInstance();
  if (settings.logLevel !== 'silent') makeRequestLoggersLazy(fastify.log);
  fastify.addHook('onRoute', (route) => routes.add(route.url, route.method));
  acceptJsonBodiesOnly(fastify);

  const app = await NestFactory.create<NestFastifyApplication>(AppModule.register(settings, routes), adapter, {
    // Nest's messages go through the same pino as Fastify's (JSON lines, LOG_LEVEL; none when silent).
    logger: new PinoNestLogger(fastify.log),
    // Our JSON parser only (acceptJsonBodiesOnly): Nest would add urlencoded.
    bodyParser: false,
  });
  await applyHttpHardening(app, settings);
  await serveDashboard(app, settings);
  if (settings.swaggerEnabled) setupSwagger(app);
  await app.init();
  return app;
}
