import { Injectable, Logger } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { AsyncLocalStorage } from 'node:async_hooks';
import { DataSource, EntityManager, QueryRunner } from 'typeorm';
import { ApiError, ERROR_LABELS } from '../common/http/api-error';
import { databaseUnavailableCode } from '../common/http/database-errors';
import { guardConnection, WriteScope } from './write-guard';

/** How long a client is told to wait after a write that could not be committed. */
const RETRY_AFTER_SECONDS = 5;

/**
 * The one path of every database write. TypeORM's SQLite driver has ONE connection, and `save()`,
 * `insert()`… open their own BEGIN…COMMIT on it: two requests writing at once interleave their
 * transactions on that connection, and a BEGIN left without its COMMIT makes every later write
 * vanish at close (typeorm#1884, #8668). Here the writes run one transaction at a time, in order;
 * the work is given the transaction's manager and must use it (any other write is refused by the
 * connection guard, see write-guard.ts). The promise resolves only once COMMIT has succeeded, so a
 * 2xx built on it means the write is in the file.
 */
@Injectable()
export class UnitOfWork {
  private readonly logger = new Logger('Database');
  private readonly scope = new AsyncLocalStorage<WriteScope>();
  private tail: Promise<unknown> = Promise.resolve();
  /** Units queued or running; at 0 the async context tracking is switched off (see settled). */
  private pending = 0;
  private failure: string | null = null;
  private readonly raw: (sql: string) => Promise<void>;

  constructor(@InjectDataSource() private readonly dataSource: DataSource) {
    this.raw = guardConnection(dataSource, this.scope);
    // The connection closes only once the writes already queued are committed (shutdown).
    const destroy = dataSource.destroy.bind(dataSource);
    dataSource.destroy = async () => {
      await this.drained();
      return destroy();
    };
  }

  /**
   * Runs `work` in a transaction of its own, after every write queued before it. A call from inside
   * a running unit joins that unit's transaction (it commits with it) instead of waiting for itself.
   */
  run<T>(work: (manager: EntityManager) => Promise<T>): Promise<T> {
    const current = this.scope.getStore();
    if (current?.open) return work(current.manager);
    this.pending += 1;
    const result = this.tail.then(() => this.execute(work)).finally(() => this.settled());
    this.tail = result.catch(() => undefined);
    return result;
  }

  /** Why the last write could not be committed, or null once a write commits again (/health). */
  problem(): string | null {
    return this.failure;
  }

  /** Resolves once every write queued so far is done. */
  async drained(): Promise<void> {
    let tail;
    do {
      tail = this.tail;
      await tail;
    } while (tail !== this.tail);
  }

  private async execute<T>(work: (manager: EntityManager) => Promise<T>): Promise<T> {
    // The SQLite driver hands out ONE query runner: its transaction flags are the connection's.
    const runner = this.dataSource.createQueryRunner();
    forgetTransaction(runner);
    const scope: WriteScope = { manager: runner.manager, open: true, began: false };
    try {
      return await this.scope.run(scope, async () => {
        try {
          await runner.startTransaction();
        } catch (error) {
          // The connection is already inside a transaction that this unit did not open.
          await this.rollback(runner);
          throw this.unavailable('the connection was inside a transaction it did not open', error);
        }
        let result: T;
        try {
          result = await work(runner.manager);
        } catch (error) {
          await this.rollback(runner);
          if (databaseUnavailableCode(error)) throw this.unavailable('a write failed', error);
          throw error;
        }
        try {
          await runner.commitTransaction();
        } catch (error) {
          await this.rollback(runner);
          throw this.unavailable('COMMIT failed', error);
        }
        if (this.failure !== null) this.logger.log('database writes commit again');
        this.failure = null;
        return result;
      });
    } finally {
      scope.open = false;
      await runner.release();
    }
  }

  /**
   * An enabled AsyncLocalStorage makes Node track every promise of the process (about 0.2 µs each,
   * a few µs per metric read): the tracking is on only while a unit is queued or running. The next
   * `scope.run()` switches it on again; a late write from a finished unit is refused either way.
   */
  private settled(): void {
    this.pending -= 1;
    if (this.pending === 0) this.scope.disable();
  }

  /** Ends whatever transaction the connection is in, whoever opened it; never throws. */
  private async rollback(runner: QueryRunner): Promise<void> {
    // Raw, not runner.rollbackTransaction(): after a failed BEGIN or COMMIT TypeORM's bookkeeping is
    // off, and SQLite may have ended the transaction itself ("no transaction is active" is fine).
    await this.raw('ROLLBACK').catch(() => undefined);
    forgetTransaction(runner);
  }

  /** A 503 for the caller; logged once at error level until a write commits again. */
  private unavailable(what: string, error: unknown): ApiError {
    const why = error instanceof Error ? error.message : String(error);
    if (this.failure === null) this.logger.error(`write rolled back, ${what}: ${why}`);
    this.failure = `database writes failing (${what}: ${why})`;
    const answer = new ApiError(
      503,
      ERROR_LABELS[503],
      "La base de données n'a pas pu enregistrer la modification (annulée) : réessayez plus tard",
    );
    return Object.assign(answer, { retryAfterSeconds: RETRY_AFTER_SECONDS });
  }
}

/**
 * Only a unit of work holds a transaction, one at a time: between two units, whatever TypeORM's
 * shared runner believes (a BEGIN refused by the guard leaves it "active") is stale.
 */
function forgetTransaction(runner: QueryRunner): void {
  Object.assign(runner, { isTransactionActive: false, transactionDepth: 0 });
}

/** Re-exported for callers that type their work functions. */
export type { EntityManager };
