import type { AsyncLocalStorage } from 'node:async_hooks';
import type { DataSource, EntityManager } from 'typeorm';

/** The unit of work running in this async context. */
export interface WriteScope {
  readonly manager: EntityManager;
  /** False once the unit committed or rolled back: a late write from its context is refused too. */
  open: boolean;
  /** The unit's own BEGIN went through; a second one would be a transaction of someone else's. */
  began: boolean;
}

/** Statements that change the file or the transaction state of the one connection. */
const WRITE = /^\s*(INSERT|UPDATE|DELETE|REPLACE|UPSERT|CREATE|DROP|ALTER|VACUUM|REINDEX)\b/i;
const BEGIN = /^\s*BEGIN\b/i;
const TRANSACTION_CONTROL = /^\s*(COMMIT|END|ROLLBACK|SAVEPOINT|RELEASE)\b/i;
/** The sqlite3 `Database` methods that take SQL. */
const METHODS = ['run', 'all', 'get', 'each', 'exec', 'prepare'] as const;

export class UnguardedWriteError extends Error {
  constructor(sql: string, why: string) {
    super(`database write refused (${why}): every write goes through UnitOfWork.run() — ${sql.slice(0, 120)}`);
    this.name = 'UnguardedWriteError';
  }
}

/** Why `sql` may not run in `scope`, or null when it may. */
export function refusal(sql: string, scope: WriteScope | undefined): string | null {
  const begin = BEGIN.test(sql);
  if (!begin && !WRITE.test(sql) && !TRANSACTION_CONTROL.test(sql)) return null;
  if (!scope?.open) return 'outside a unit of work';
  if (begin) {
    if (scope.began) return "a second transaction inside a unit of work: use the unit's manager";
    scope.began = true;
  }
  return null;
}

/**
 * Wraps the data source's single sqlite3 connection so that a write statement, a BEGIN or a COMMIT
 * reaching it outside a unit of work throws instead of running: a service that bypasses the unit
 * fails loudly (tests, and production too) rather than interleaving its transaction with another
 * request's. Migrations ran before this is installed. Returns a way to run SQL unguarded, for the
 * unit's own recovery (a ROLLBACK of a transaction it did not open).
 */
export function guardConnection(dataSource: DataSource, scopes: AsyncLocalStorage<WriteScope>): (sql: string) => Promise<void> {
  const connection = (dataSource.driver as unknown as { databaseConnection: Record<string, (...args: unknown[]) => unknown> })
    .databaseConnection;
  const original = new Map(METHODS.map((name) => [name, connection[name]]));
  for (const name of METHODS) {
    const method = original.get(name)!;
    connection[name] = function (this: unknown, sql: unknown, ...rest: unknown[]) {
      const why = typeof sql === 'string' ? refusal(sql, scopes.getStore()) : null;
      if (why) throw new UnguardedWriteError(sql as string, why);
      return method.call(this, sql, ...rest);
    };
  }
  const exec = original.get('exec')!;
  return (sql) => new Promise((resolve, reject) => exec.call(connection, sql, (error: Error | null) => (error ? reject(error) : resolve())));
}
