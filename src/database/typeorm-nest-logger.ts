import { Logger } from '@nestjs/common';
import type { Logger as TypeOrmLogger } from 'typeorm';

/**
 * TypeORM's messages through Nest's logger, so that they come out as JSON lines with the others
 * (LOG_LEVEL applies). Query parameters are never written: they hold password hashes and token
 * hashes. Every query is not logged either (that is a debugging aid, not an operating log).
 */
export class TypeOrmNestLogger implements TypeOrmLogger {
  constructor(private readonly logger: Pick<Logger, 'log' | 'warn' | 'error'> = new Logger('TypeORM')) {}

  logQuery(_query: string, _parameters?: unknown[]): void {
    // Not logged: see the class comment.
  }

  logQueryError(error: string | Error, query: string, _parameters?: unknown[]): void {
    this.logger.error(`query failed: ${error instanceof Error ? error.message : error} — ${query}`);
  }

  logQuerySlow(time: number, query: string, _parameters?: unknown[]): void {
    this.logger.warn(`slow query (${time} ms): ${query}`);
  }

  logSchemaBuild(_message: string): void {
    // synchronize is off: no schema is built outside the migrations.
  }

  logMigration(message: string): void {
    this.logger.log(message);
  }

  log(level: 'log' | 'info' | 'warn', message: unknown): void {
    const text = typeof message === 'string' ? message : JSON.stringify(message);
    if (level === 'warn') this.logger.warn(text);
    else this.logger.log(text);
  }
}
