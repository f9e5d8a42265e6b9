import { mkdirSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import type { DataSourceOptions } from 'typeorm';
import { MIGRATIONS } from './migrations';

/** The SQLite options shared by the application and the TypeORM CLI. */
export function databaseOptions(databasePath: string): DataSourceOptions {
  const file = resolve(databasePath);
  mkdirSync(dirname(file), { recursive: true });
  return {
    type: 'sqlite',
    database: file,
    migrations: MIGRATIONS,
    migrationsRun: true,
    migrationsTransactionMode: 'each',
    synchronize: false,
    logging: ['error', 'warn', 'migration'],
  };
}
