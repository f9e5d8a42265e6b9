/** SQLite failures that mean "the database cannot be used right now", not a bug: they answer 503. */
const UNAVAILABLE_CODES = new Set([
  'SQLITE_READONLY',
  'SQLITE_CANTOPEN',
  'SQLITE_IOERR',
  'SQLITE_BUSY',
  'SQLITE_LOCKED',
  'SQLITE_FULL',
  'SQLITE_CORRUPT',
  'SQLITE_NOTADB',
  'SQLITE_MISUSE',
]);

/** The SQLite code of a driver or TypeORM error when it means the database is unavailable, else null. */
export function databaseUnavailableCode(error: unknown): string | null {
  if (!error || typeof error !== 'object') return null;
  const candidates = [error, (error as { driverError?: unknown }).driverError];
  for (const candidate of candidates) {
    const code = (candidate as { code?: unknown } | undefined)?.code;
    if (typeof code === 'string' && UNAVAILABLE_CODES.has(code.split(':')[0])) return code;
  }
  return null;
}
