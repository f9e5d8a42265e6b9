import { CanActivate, ExecutionContext, Injectable } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import type { FastifyRequest } from 'fastify';
import { WITHOUT_DATABASE_KEY } from '../common/decorators/without-database.decorator';
import { ApiError, ERROR_LABELS } from '../common/http/api-error';
import { DatabaseFileMonitor } from './database-file.monitor';

const READS = new Set(['GET', 'HEAD', 'OPTIONS']);

/**
 * Global: while the database file is missing, replaced or read-only, every write answers 503.
 * A guard, not an interceptor: any global interceptor makes Nest wrap every request (the metric
 * reads too) in RxJS observables and AsyncResource bindings. Registered after the auth guard, so a
 * caller without a valid token still gets its 401 first.
 */
@Injectable()
export class DatabaseWriteGate implements CanActivate {
  private readonly exempt = new Map<unknown, boolean>();

  constructor(
    private readonly reflector: Reflector,
    private readonly monitor: DatabaseFileMonitor,
  ) {}

  canActivate(context: ExecutionContext): boolean {
    if (context.getType() !== 'http' || READS.has(context.switchToHttp().getRequest<FastifyRequest>().method)) {
      return true;
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
    return true;
  }
}
