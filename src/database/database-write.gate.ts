import { Injectable } from '@nestjs/common';
import { METHOD_METADATA } from '@nestjs/common/constants';
import { RequestMethod } from '@nestjs/common/enums/request-method.enum';
import { WITHOUT_DATABASE_KEY } from '../common/decorators/without-database.decorator';
import { ApiError, ERROR_LABELS } from '../common/http/api-error';
import { DatabaseFileMonitor } from './database-file.monitor';

const READS = new Set([RequestMethod.GET, RequestMethod.HEAD, RequestMethod.OPTIONS]);

/**
 * While the database file is missing, replaced or read-only, every write answers 503. Checked by the
 * one global guard (AuthGuard) after the caller's token and role, on the routes `guards()` names:
 * not a second global guard, so that the metric reads (GET) pay nothing for it.
 */
@Injectable()
export class DatabaseWriteGate {
  constructor(private readonly monitor: DatabaseFileMonitor) {}

  /** Whether a route handler is gated: every route but GET/HEAD/OPTIONS and `@WithoutDatabase()`. */
  guards(handler: Function): boolean {
    const method = Reflect.getMetadata(METHOD_METADATA, handler) as RequestMethod | undefined;
    if (method !== undefined && READS.has(method)) return false;
    return Reflect.getMetadata(WITHOUT_DATABASE_KEY, handler) !== true;
  }

  /** True, or the 503 while the database file cannot take writes. */
  check(): true {
    const problem = this.monitor.problem();
    if (problem) {
      const error = new ApiError(503, ERROR_LABELS[503], `Base de données indisponible en écriture (${problem}) : réessayez plus tard`);
      throw Object.assign(error, { retryAfterSeconds: 5 });
    }
    return true;
  }
}
