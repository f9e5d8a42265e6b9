import { chmodSync, closeSync, existsSync, mkdirSync, openSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import type { DataSourceOptions } from 'typeorm';
import { MIGRATIONS } from './migrations';

/** How long a write waits for another connection's lock before SQLITE_BUSY. */
export const BUSY_TIMEOUT_MS = 5000;

/**
 * Creates the database file readable by its owner only (0600) before SQLite opens it; SQLite gives
 * its -wal and -shm files the mode of the database file. An existing file is tightened too.
 */
export function secureDatabaseFile(file: string): void {
  closeSync(openSync(file, 'a', 0o600));
  for (const path of [file, `${file}-wal`, `${file}-shm`]) if (existsSync(path)) chmodSync(path, 0o600);
}

/**
 * The SQLite options shared by the application and the TypeORM CLI: WAL (readers never wait for a
 * writer) with a busy timeout, and every pending migration in ONE transaction, so a failing
 * migration leaves the file as it was.
 */
export function databaseOptions(databasePath: string): DataSourceOptions {
  const file = resolve(databasePath);
  mkdirSync(dirname(file), { recursive: true, mode: 0o700 });
  secureDatabaseFile(file);
  return {
    type: 'sqlite',
    database: file,
    enableWAL: true,
    busyTimeout: BUSY_TIMEOUT_MS,
    migrations: MIGRATIONS,
    migrationsRun: true,
    migrationsTransactionMode: 'all',
    synchronize: false,
    logging: ['error', 'warn', 'migration'],
  };
}
