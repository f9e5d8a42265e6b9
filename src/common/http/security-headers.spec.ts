import fastify from 'fastify';
import helmet from 'helmet';
import { IncomingMessage, ServerResponse } from 'node:http';
import { Socket } from 'node:net';
import { addSecurityHeaders, helmetHeaders } from './security-headers';

const OPTIONS = {
  contentSecurityPolicy: { directives: { defaultSrc: ["'self'"], scriptSrc: ["'self'"], connectSrc: ["'self'", 'https:'] } },
  crossOriginResourcePolicy: { policy: 'same-site' as const },
  hsts: false,
};

/** What helmet's own middleware writes on a real response. */
function helmetOnRealResponse(options: Parameters<typeof helmet>[0]): Record<string, string> {
  const request = new IncomingMessage(new Socket());
  const response = new ServerResponse(request);
  helmet(options)(request, response, () => undefined);
  return Object.fromEntries(Object.entries(response.getHeaders()).map(([name, value]) => [name, String(value)]));
}

describe('security headers computed once', () => {
  it('are exactly what helmet writes for the same options', () => {
    const headers = helmetHeaders(OPTIONS);
    expect(headers).toEqual(helmetOnRealResponse(OPTIONS));
    expect(headers['content-security-policy']).toContain("default-src 'self'");
    expect(headers['content-security-policy']).toContain("connect-src 'self' https:");
    expect(headers['x-content-type-options']).toBe('nosniff');
    expect(headers['cross-origin-resource-policy']).toBe('same-site');
    expect(headers['strict-transport-security']).toBeUndefined();
  });

  it('give every answer the API set, a 404 included, and HTML pages the full set', async () => {
    const app = fastify();
    addSecurityHeaders(app, OPTIONS);
    app.get('/x', async () => ({ ok: true }));
    app.get('/page', async (_request, reply) => reply.type('text/html; charset=utf-8').send('<p>hi</p>'));
    app.get('/cached-page', async (_request, reply) => reply.code(304).send());
    try {
      for (const url of ['/x', '/missing']) {
        const answer = await app.inject({ method: 'GET', url });
        expect(answer.headers['content-security-policy']).toBe("default-src 'none'; frame-ancestors 'none'");
        expect(answer.headers['x-content-type-options']).toBe('nosniff');
        expect(answer.headers['cross-origin-resource-policy']).toBe('same-site');
        expect(answer.headers['x-frame-options']).toBeUndefined();
      }
      const page = await app.inject({ method: 'GET', url: '/page' });
      expect(page.headers['x-frame-options']).toBe('SAMEORIGIN');
      expect(page.headers['content-security-policy']).toBe(helmetHeaders(OPTIONS)['content-security-policy']);
      // A revalidated page (304, no content type): the browser takes these headers for the page it kept.
      const revalidated = await app.inject({ method: 'GET', url: '/cached-page' });
      expect(revalidated.statusCode).toBe(304);
      expect(revalidated.headers['content-security-policy']).toBe(helmetHeaders(OPTIONS)['content-security-policy']);
    } finally {
      await app.close();
    }
  });

  it('come from one onSend hook, with the request id and, once shutting down, Connection: close', async () => {
    const app = fastify({ genReqId: () => 'req-1' });
    const answers = addSecurityHeaders(app, OPTIONS, { requestIdHeader: 'x-request-id' });
    app.get('/x', async () => ({ ok: true }));
    try {
      await app.ready();
      const first = await app.inject({ method: 'GET', url: '/x' });
      expect(first.headers['x-request-id']).toBe('req-1');
      expect(first.headers.connection).not.toBe('close');
      const missing = await app.inject({ method: 'GET', url: '/missing' });
      expect(missing.headers['x-request-id']).toBe('req-1');
      answers.closeConnections();
      expect((await app.inject({ method: 'GET', url: '/x' })).headers.connection).toBe('close');
    } finally {
      await app.close();
    }
  });

  it('refuse CSP directives computed per request (nonces): those need helmet on every request', () => {
    const perRequest = { contentSecurityPolicy: { directives: { scriptSrc: ["'self'", () => "'nonce-abc'"] } } };
    expect(() => helmetHeaders(perRequest)).toThrow(/per request/);
  });
});
