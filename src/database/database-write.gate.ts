import { CallHandler, ExecutionContext, Injectable, NestInterceptor } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import type { FastifyRequest } from 'fastify';
import { Observable } from 'rxjs';
import { WITHOUT_DATABASE_KEY } from '../common/decorators/without-database.decorator';
import { ApiError, ERROR_LABELS } from '../common/http/api-error';
import { DatabaseFileMonitor } from './database-file.monitor';

const READS = new Set(['GET', 'HEAD', 'OPTIONS']);

/** Global: while the database file is missing, replaced or read-only, every write answers 503. */
@Injectable()
export class DatabaseWriteGate implements NestInterceptor {
  private readonly exempt = new Map<unknown, boolean>();

  constructor(
    private readonly reflector: Reflector,
    private readonly monitor: DatabaseFileMonitor,
  ) {}

  intercept(context: ExecutionContext, next: CallHandler): Observable<unknown> {
    if (context.getType() !== 'http' || READS.has(context.switchToHttp().getRequest<FastifyRequest>().method)) {
      return next.handle();
    }
    const handler = context.getHandler();
    let exempt = this.exempt.get(handler);
    if (exempt === undefined) {
      exempt = this.reflector.get<boolean | undefined>(WITHOUT_DATABASE_KEY, handler) === true;
      this.exempt.set(handler, exempt);
    }
    const problem = exempt ? null : this.monitor.problem();
    if (problem) {
      const error = new ApiError(503, ERROR_LABELS[503], `Base de données indisponible en écriture (${problem}) : réessayez plus tard`);
      throw Object.assign(error, { retryAfterSeconds: 5 });
    }
    return next.handle();
  }
}
