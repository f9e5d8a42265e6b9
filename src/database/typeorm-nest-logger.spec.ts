import { TypeOrmNestLogger } from './typeorm-nest-logger';

/** What the logger was given, by level. */
class RecordingLogger {
  readonly lines: Array<[string, string]> = [];
  log(message: string) {
    this.lines.push(['log', message]);
  }
  warn(message: string) {
    this.lines.push(['warn', message]);
  }
  error(message: string) {
    this.lines.push(['error', message]);
  }
}

describe('TypeOrmNestLogger', () => {
  it('writes errors, slow queries, migrations and warnings, never the parameters of a query', () => {
    const recorder = new RecordingLogger();
    const logger = new TypeOrmNestLogger(recorder);
    const secret = '$argon2id$v=19$m=47104,t=1,p=1$secret-hash';
    logger.logQuery('SELECT * FROM users WHERE username = ?', [secret]);
    logger.logQueryError(new Error('SQLITE_READONLY: attempt to write a readonly database'), 'UPDATE users SET password_hash = ?', [secret]);
    logger.logQuerySlow(1200, 'SELECT 1', [secret]);
    logger.logMigration('Migration CreateUsers1736000000001 has been executed successfully.');
    logger.log('warn', 'something odd');
    expect(recorder.lines).toEqual([
      ['error', 'query failed: SQLITE_READONLY: attempt to write a readonly database — UPDATE users SET password_hash = ?'],
      ['warn', 'slow query (1200 ms): SELECT 1'],
      ['log', 'Migration CreateUsers1736000000001 has been executed successfully.'],
      ['warn', 'something odd'],
    ]);
    expect(JSON.stringify(recorder.lines)).not.toContain('secret-hash');
  });
});
