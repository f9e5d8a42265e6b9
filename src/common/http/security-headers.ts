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

/**
 * What every answer carries, JSON and text included: the OWASP REST Security set. A JSON answer is
 * never rendered as a page, so a browser's document headers (frame options, opener policy, DNS
 * prefetch...) would only add bytes and time to every metric read.
 */
export const API_SECURITY_HEADERS: Readonly<Record<string, string>> = Object.freeze({
  'x-content-type-options': 'nosniff',
  'content-security-policy': "default-src 'none'; frame-ancestors 'none'",
  'cross-origin-resource-policy': 'same-site',
  'referrer-policy': 'no-referrer',
});

/** What the answer hook does besides the security headers. */
export interface AnswerHeaderOptions {
  /** Echo Fastify's request id in this header (e.g. `x-request-id`). */
  requestIdHeader?: string;
}

/** Handle on the answer hook: during shutdown, every answer closes its connection. */
export interface AnswerHeaders {
  closeConnections(): void;
}

/**
 * Sets {@link API_SECURITY_HEADERS} on every answer (404s and errors included), helmet's full set for
 * `pageOptions` on the HTML pages (dashboard, Swagger UI), where they matter, the request id, and
 * `Connection: close` once shutting down. One onSend hook for all of it: every hook Fastify runs is
 * paid by every metric read, and onSend sees every answer, errors and 404s included.
 */
export function addSecurityHeaders(fastify: FastifyInstance, pageOptions: HelmetOptions, options: AnswerHeaderOptions = {}): AnswerHeaders {
  const pageHeaders = helmetHeaders(pageOptions);
  const requestIdHeader = options.requestIdHeader;
  let closing = false;
  fastify.addHook('onSend', (request, reply, payload, done) => {
    reply.headers(reply.statusCode === 304 || isHtml(reply.getHeader('content-type')) ? pageHeaders : API_SECURITY_HEADERS);
    if (requestIdHeader !== undefined) reply.header(requestIdHeader, request.id);
    if (closing) reply.header('connection', 'close');
    done(null, payload);
  });
  return {
    closeConnections: () => {
      closing = true;
    },
  };
}

/**
 * A 304 has no content type, yet the browser copies its headers onto the page it kept: a revalidated
 * dashboard must get the page's CSP, not the API's `default-src 'none'` (which would block its
 * scripts). The API's JSON answers carry no validator, so they never answer 304.
 */
function isHtml(type: unknown): boolean {
  return typeof type === 'string' && type.startsWith('text/html');
}

function directivesOf(options: HelmetOptions): Record<string, unknown> {
  const csp = options.contentSecurityPolicy;
  return typeof csp === 'object' && csp !== null && csp.directives ? (csp.directives as Record<string, unknown>) : {};
}
