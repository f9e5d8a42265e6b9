import { ArgumentsHost, Catch, ExceptionFilter, HttpException, Logger, NotFoundException } from '@nestjs/common';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { AnswerWithStatus } from '../http/answer-with-status';
import { ApiErrorBody, ERROR_LABELS, toErrorBody } from '../http/api-error';
import { databaseUnavailableCode } from '../http/database-errors';
import { isAbortedUpload } from '../http/fastify-errors';
import { RouteTable } from '../http/route-table';

/** Shapes every error the API answers as `{"error", "message"}`; a 500 never shows internals. */
@Catch()
export class AllExceptionsFilter implements ExceptionFilter {
  private readonly logger = new Logger('Errors');

  constructor(private readonly routes: RouteTable) {}

  catch(exception: unknown, host: ArgumentsHost): void {
    const http = host.switchToHttp();
    const reply = http.getResponse<FastifyReply>();
    if (exception instanceof AnswerWithStatus) {
      reply.status(exception.getStatus()).send(exception.body);
      return;
    }
    const request = http.getRequest<FastifyRequest>();
    const { status, body, headers } = this.describe(exception, request);
    for (const [name, value] of Object.entries(headers)) reply.header(name, value);
    reply.status(status).send(body);
  }

  describe(
    exception: unknown,
    request: FastifyRequest,
  ): { status: number; body: ApiErrorBody; headers: Record<string, string> } {
    if (exception instanceof NotFoundException && this.isRouteMiss(exception)) {
      const allowed = this.routes.allowedMethods(request.url);
      if (allowed.length > 0) {
        return {
          status: 405,
          body: { error: ERROR_LABELS[405], message: `Méthode ${request.method} non autorisée sur ${request.url.split('?')[0]}` },
          headers: { Allow: allowed.join(', ') },
        };
      }
      return {
        status: 404,
        body: { error: ERROR_LABELS[404], message: `Route ${request.method} ${request.url.split('?')[0]} introuvable` },
        headers: {},
      };
    }
    if (exception instanceof HttpException) {
      const status = exception.getStatus();
      const headers: Record<string, string> = {};
      const retryAfter = (exception as HttpException & { retryAfterSeconds?: number }).retryAfterSeconds;
      if (retryAfter !== undefined) headers['Retry-After'] = String(retryAfter);
      return { status, body: toErrorBody(status, exception.getResponse()), headers };
    }
    const databaseCode = databaseUnavailableCode(exception);
    if (databaseCode) {
      this.logger.warn(`[req ${request.id}] database unavailable: ${databaseCode}`);
      return {
        status: 503,
        body: { error: ERROR_LABELS[503], message: `Base de données indisponible (${databaseCode}) : réessayez plus tard` },
        headers: { 'Retry-After': '5' },
      };
    }
    if (isAbortedUpload(exception, request.raw)) {
      this.logger.debug(`[req ${request.id}] the client closed the connection before its body was received in full`);
      return { status: 400, body: { error: ERROR_LABELS[400], message: 'Requête interrompue avant la fin de son corps' }, headers: {} };
    }
    this.logger.error(`[req ${request.id}] ${exception instanceof Error ? (exception.stack ?? exception.message) : String(exception)}`);
    return { status: 500, body: { error: ERROR_LABELS[500], message: 'Une erreur inattendue est survenue' }, headers: {} };
  }

  /** Nest answers an unknown route with a NotFoundException worded "Cannot GET /path". */
  private isRouteMiss(exception: NotFoundException): boolean {
    const response = exception.getResponse() as { message?: unknown };
    return typeof response?.message === 'string' && response.message.startsWith('Cannot ');
  }
}
