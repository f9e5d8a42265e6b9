import type { FastifyInstance } from 'fastify';
import type { ServerOptions } from 'node:http';
import type { Socket } from 'node:net';
import { ERROR_LABELS } from './api-error';

/** How often Node looks for requests past their time (its default, 30 s, would double the limit). */
const CHECK_EVERY_MS = 500;

/**
 * REQUEST_TIMEOUT_SECONDS: a request (head and body) not received in full by then is answered 408
 * and its connection closed, so a client dripping a body byte by byte cannot hold a connection (and
 * its parser) open for ever. Node enforces it; the limits must be given when the server is created
 * (Node 20 ignores a `requestTimeout` set afterwards, which is what Fastify's option alone does).
 */
export function requestTimeoutOptions(seconds: number): {
  requestTimeout: number;
  http: ServerOptions;
  clientErrorHandler: (this: FastifyInstance, error: Error, socket: Socket) => void;
} {
  const ms = seconds * 1000;
  return {
    requestTimeout: ms,
    http: { requestTimeout: ms, headersTimeout: Math.min(60_000, ms), connectionsCheckingInterval: Math.min(CHECK_EVERY_MS, ms) },
    clientErrorHandler: function (this: FastifyInstance, error: Error, socket: Socket) {
      answerClientError(this, error as NodeJS.ErrnoException, socket, seconds);
    },
  };
}

/**
 * Node's 'clientError' (a request timed out, a malformed or oversized head, a client gone): an
 * answer in the API's error shape while the socket can still take one. The client's doing, not the
 * server's: logged at debug, without a stack.
 */
function answerClientError(fastify: FastifyInstance, error: NodeJS.ErrnoException, socket: Socket, seconds: number): void {
  const timedOut = error.code === 'ERR_HTTP_REQUEST_TIMEOUT';
  fastify.log.debug({ code: error.code, remoteAddress: socket.remoteAddress }, timedOut ? 'request timed out' : 'client error');
  if (error.code === 'ECONNRESET' || socket.destroyed) return;
  let status = 400;
  let message = 'Requête HTTP malformée';
  if (timedOut) {
    status = 408;
    message = `La requête n'a pas été reçue en entier dans le délai de ${seconds} seconde${seconds > 1 ? 's' : ''}`;
  } else if (error.code === 'HPE_HEADER_OVERFLOW') {
    status = 431;
    message = 'Les en-têtes de la requête sont trop volumineux';
  }
  if (socket.writable) {
    const body = JSON.stringify({ error: ERROR_LABELS[status], message });
    socket.write(
      `HTTP/1.1 ${status} ${STATUS_TEXT[status]}\r\nContent-Type: application/json; charset=utf-8\r\n` +
        `Content-Length: ${Buffer.byteLength(body)}\r\nConnection: close\r\n\r\n${body}`,
    );
  }
  socket.destroy();
}

const STATUS_TEXT: Record<number, string> = { 400: 'Bad Request', 408: 'Request Timeout', 431: 'Request Header Fields Too Large' };
