import type { FastifyInstance } from 'fastify';
import helmet, { HelmetOptions } from 'helmet';
import type { IncomingMessage, ServerResponse } from 'node:http';

/**
 * The headers helmet writes for `options`, computed once. Helmet's answer only depends on its
 * options when they are static (no nonce functions), and `@fastify/helmet` rebuilds the middleware
 * (parsing the CSP again) on every request: a quarter of a metric read's CPU time.
 */
export function helmetHeaders(options: HelmetOptions): Record<string, string> {
  for (const value of Object.values(directivesOf(options))) {
    if (typeof value === 'function' || (Array.isArray(value) && value.some((entry) => typeof entry === 'function'))) {
      throw new Error('helmetHeaders: CSP directives computed per request are not supported');
    }
  }
  const headers: Record<string, string> = {};
  const response = {
    setHeader(name: string, value: string | number | readonly string[]) {
      headers[name.toLowerCase()] = Array.isArray(value) ? value.join(', ') : String(value);
    },
    removeHeader(name: string) {
      delete headers[name.toLowerCase()];
    },
  };
  let failure: unknown = null;
  helmet(options)({} as IncomingMessage, response as unknown as ServerResponse, (error?: unknown) => {
    if (error) failure = error;
  });
  if (failure) throw failure;
  return headers;
}

/** Sets helmet's headers for `options` on every answer (404s and errors included). */
export function addSecurityHeaders(fastify: FastifyInstance, options: HelmetOptions): void {
  const headers = helmetHeaders(options);
  fastify.addHook('onRequest', (_request, reply, done) => {
    reply.headers(headers);
    done();
  });
}

function directivesOf(options: HelmetOptions): Record<string, unknown> {
  const csp = options.contentSecurityPolicy;
  return typeof csp === 'object' && csp !== null && csp.directives ? (csp.directives as Record<string, unknown>) : {};
}
