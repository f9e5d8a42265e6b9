import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import type { FastifyInstance } from 'fastify';
import { randomUUID } from 'node:crypto';
import type { IncomingMessage } from 'node:http';
import type { AppSettings } from '../settings/app-settings';
import { addSecurityHeaders } from './security-headers';

export const REQUEST_ID_HEADER = 'x-request-id';
/** A caller's request id is kept only when it looks like one (no log injection through it). */
const CALLER_ID = /^[A-Za-z0-9._:-]{1,100}$/;

/**
 * Our request ids: UUIDs (v4 form) made of a random base drawn at start and a counter, unique per
 * process and across starts, without a random draw and its string building on every request.
 */
const ID_BASE = randomUUID().slice(0, 24);
let idSequence = 0;

/** Fastify's request id: the caller's `X-Request-Id` when sane, else one of ours; pino logs it as `reqId`. */
export function genReqId(request: IncomingMessage): string {
  const given = request.headers[REQUEST_ID_HEADER];
  if (typeof given === 'string' && CALLER_ID.test(given)) return given;
  idSequence = idSequence === 0xffffffffffff ? 1 : idSequence + 1;
  return ID_BASE + idSequence.toString(16).padStart(12, '0');
}

/**
 * Security headers (a short API set on every answer; on HTML pages helmet's full set, with a CSP that
 * keeps Swagger UI and the same-origin dashboard working), CORS for CORS_ORIGINS only, the request
 * id echoed back, connections closed after their last answer during shutdown, and one log line per
 * request at debug level.
 */
export async function applyHttpHardening(app: NestFastifyApplication, settings: AppSettings): Promise<void> {
  const fastify = app.getHttpAdapter().getInstance() as FastifyInstance;
  // Helmet's headers for the pages, computed once (not per request as @fastify/helmet does).
  const answers = addSecurityHeaders(fastify, {
    contentSecurityPolicy: {
      directives: {
        defaultSrc: ["'self'"],
        scriptSrc: ["'self'"],
        // Swagger UI sets styles inline.
        styleSrc: ["'self'", "'unsafe-inline'"],
        imgSrc: ["'self'", 'data:'],
        // The dashboard's fleet view asks other probes (their /health and /system) from the browser:
        // their origins are data, changed at run time, so any http(s) origin may be fetched. Scripts
        // stay same-origin only, which is what keeps injected code out.
        connectSrc: ["'self'", 'http:', 'https:'],
        fontSrc: ["'self'", 'data:'],
        objectSrc: ["'none'"],
        frameAncestors: ["'none'"],
        baseUri: ["'self'"],
        formAction: ["'self'"],
        upgradeInsecureRequests: null,
      },
    },
    // The API is read by other origins' tools (Grafana, scripts) when CORS allows them.
    crossOriginResourcePolicy: { policy: 'same-site' },
    hsts: false,
  }, { requestIdHeader: REQUEST_ID_HEADER });
  if (settings.corsOrigins.length > 0) {
    app.enableCors({
      origin: settings.corsOrigins,
      methods: ['GET', 'POST', 'PUT', 'DELETE'],
      allowedHeaders: ['Authorization', 'Content-Type', 'X-Request-Id'],
      exposedHeaders: ['X-Request-Id', 'Retry-After'],
      maxAge: 600,
    });
  }
  // Graceful shutdown: requests in flight finish, then their keep-alive connections close, so the
  // server does not wait for idle clients (Fastify closes idle connections only once, at close).
  fastify.addHook('preClose', (done) => {
    answers.closeConnections();
    done();
  });
  if (settings.logLevel === 'debug' || settings.logLevel === 'trace') {
    fastify.addHook('onResponse', (request, reply, done) => {
      request.log.debug(
        { method: request.method, url: request.url, statusCode: reply.statusCode, ms: Math.round(reply.elapsedTime) },
        'request done',
      );
      done();
    });
  }
}
