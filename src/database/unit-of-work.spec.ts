import { HttpException, Logger } from '@nestjs/common';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Database } from 'sqlite3';
import { DataSource, EntityManager } from 'typeorm';
import { UnitOfWork } from './unit-of-work';
import { UnguardedWriteError } from './write-guard';

/** What another connection (another process, after a restart) reads from the file: committed rows only. */
function committed(file: string, sql: string): Promise<any[]> {
  return new Promise((resolve, reject) => {
    const db = new Database(file);
    db.all(sql, (error, rows) => db.close(() => (error ? reject(error) : resolve(rows))));
  });
}

const names = async (file: string) => (await committed(file, 'SELECT name FROM items ORDER BY id')).map((row) => row.name);

describe('UnitOfWork (real SQLite file)', () => {
  let dir: string;
  let file: string;
  let dataSource: DataSource;
  let unit: UnitOfWork;
  /** The connection's own exec, as it was before the guard: to break it from outside. */
  let rawExec: (sql: string) => Promise<void>;

  beforeAll(() => Logger.overrideLogger(false));

  beforeEach(async () => {
    dir = mkdtempSync(join(tmpdir(), 'hc-uow-'));
    file = join(dir, 'test.sqlite');
    dataSource = new DataSource({ type: 'sqlite', database: file, enableWAL: true });
    await dataSource.initialize();
    await dataSource.query('CREATE TABLE owners (id INTEGER PRIMARY KEY)');
    await dataSource.query(
      'CREATE TABLE items (id INTEGER PRIMARY KEY AUTOINCREMENT, name TEXT NOT NULL, owner_id INTEGER REFERENCES owners(id) DEFERRABLE INITIALLY DEFERRED)',
    );
    const connection = (dataSource.driver as unknown as { databaseConnection: Database }).databaseConnection;
    const exec = connection.exec.bind(connection);
    rawExec = (sql) => new Promise((resolve, reject) => exec(sql, (error) => (error ? reject(error) : resolve())));
    unit = new UnitOfWork(dataSource);
  });

  afterEach(async () => {
    if (dataSource.isInitialized) await dataSource.destroy();
    rmSync(dir, { recursive: true, force: true });
  });

  it('refuses a write, a BEGIN or a repository transaction outside a unit of work, and keeps reads', async () => {
    await expect(dataSource.query("INSERT INTO items (name) VALUES ('bare')")).rejects.toThrow(UnguardedWriteError);
    await expect(dataSource.query("update items set name = 'x'")).rejects.toThrow(/every write goes through UnitOfWork.run/);
    await expect(dataSource.transaction((manager) => manager.query("INSERT INTO items (name) VALUES ('tx')"))).rejects.toThrow(
      UnguardedWriteError,
    );
    expect(await dataSource.query('SELECT COUNT(*) AS n FROM items')).toEqual([{ n: 0 }]);
    await unit.run((manager) => manager.query("INSERT INTO items (name) VALUES ('through the unit')"));
    expect(await names(file)).toEqual(['through the unit']);
  });

  it('a transaction opened inside a unit is a savepoint of it; a raw BEGIN there is refused', async () => {
    await unit.run(async (manager) => {
      await manager.query("INSERT INTO items (name) VALUES ('first')");
      await dataSource.transaction((other) => other.query("INSERT INTO items (name) VALUES ('second')"));
    });
    expect(await names(file)).toEqual(['first', 'second']);
    await expect(unit.run((manager) => manager.query('BEGIN'))).rejects.toThrow(/second transaction inside a unit of work/);
    await unit.run((manager) => manager.query("INSERT INTO items (name) VALUES ('after')"));
    expect(await names(file)).toEqual(['first', 'second', 'after']);
  });

  it('a BEGIN refused outside a unit does not disturb the next unit', async () => {
    await expect(dataSource.transaction((manager) => manager.query("INSERT INTO items (name) VALUES ('bare')"))).rejects.toThrow(
      UnguardedWriteError,
    );
    await unit.run((manager) => manager.query("INSERT INTO items (name) VALUES ('unit')"));
    expect(await names(file)).toEqual(['unit']);
  });

  it('runs concurrent units one transaction at a time: every resolved write is committed', async () => {
    const writes = Array.from({ length: 60 }, (_, i) =>
      unit.run(async (manager) => {
        await manager.query('INSERT INTO items (name) VALUES (?)', [`a${i}`]);
        await new Promise((resolve) => setTimeout(resolve, i % 3));
        await manager.query('INSERT INTO items (name) VALUES (?)', [`b${i}`]);
        return i;
      }),
    );
    expect(await Promise.all(writes)).toEqual(Array.from({ length: 60 }, (_, i) => i));
    expect((await names(file)).length).toBe(120);
    expect(unit.problem()).toBeNull();
  });

  it('rolls back a unit whose work throws, and passes the error on', async () => {
    const refused = new HttpException('conflict', 409);
    await expect(
      unit.run(async (manager) => {
        await manager.query("INSERT INTO items (name) VALUES ('half')");
        throw refused;
      }),
    ).rejects.toBe(refused);
    expect(await names(file)).toEqual([]);
    expect(unit.problem()).toBeNull();
  });

  it('a failed COMMIT: rolled back, 503, /health told, and the next write commits', async () => {
    // A deferred foreign key is checked at COMMIT: SQLite refuses it and leaves the transaction open.
    const failed = unit.run((manager) => manager.query("INSERT INTO items (name, owner_id) VALUES ('orphan', 42)"));
    await expect(failed).rejects.toMatchObject({ status: 503, response: { error: expect.any(String), message: expect.any(String) } });
    expect(unit.problem()).toMatch(/COMMIT failed/);
    expect(await names(file)).toEqual([]);

    await unit.run((manager) => manager.query("INSERT INTO items (name) VALUES ('next')"));
    expect(await names(file)).toEqual(['next']);
    expect(unit.problem()).toBeNull();
  });

  it('a connection left inside a transaction it did not open: 503, rolled back, recovered for the next write', async () => {
    await rawExec("BEGIN; INSERT INTO items (name) VALUES ('stray')");
    await expect(unit.run((manager) => manager.query("INSERT INTO items (name) VALUES ('victim')"))).rejects.toMatchObject({ status: 503 });
    expect(unit.problem()).toMatch(/did not open/);

    await unit.run((manager) => manager.query("INSERT INTO items (name) VALUES ('recovered')"));
    expect(await names(file)).toEqual(['recovered']);
  });

  it('a unit started inside another joins it and commits with it', async () => {
    await unit.run(async (manager) => {
      await manager.query("INSERT INTO items (name) VALUES ('outer')");
      await unit.run((inner) => inner.query("INSERT INTO items (name) VALUES ('inner')"));
    });
    expect(await names(file)).toEqual(['outer', 'inner']);
  });

  it('tracks the async context only while a unit is queued or running; a late write of a finished unit is still refused', async () => {
    // Node tracks every promise of the process while an AsyncLocalStorage is enabled.
    const scope = (unit as unknown as { scope: { enabled?: boolean } }).scope;
    let kept: EntityManager | undefined;
    const units = [1, 2, 3].map((i) =>
      unit.run(async (manager) => {
        kept = manager;
        await manager.query('INSERT INTO items (name) VALUES (?)', [`u${i}`]);
        if (scope.enabled !== undefined) expect(scope.enabled).toBe(true);
      }),
    );
    await Promise.all(units);
    if (scope.enabled !== undefined) expect(scope.enabled).toBe(false);
    await expect(kept!.query("INSERT INTO items (name) VALUES ('late')")).rejects.toThrow(UnguardedWriteError);
    await unit.run(async (manager) => {
      await manager.query("INSERT INTO items (name) VALUES ('again')");
      await unit.run((inner) => inner.query("INSERT INTO items (name) VALUES ('joined')"));
    });
    expect(await names(file)).toEqual(['u1', 'u2', 'u3', 'again', 'joined']);
  });

  it('closing the data source waits for the writes already queued', async () => {
    const queued = Array.from({ length: 10 }, (_, i) => unit.run((manager) => manager.query('INSERT INTO items (name) VALUES (?)', [`q${i}`])));
    await dataSource.destroy();
    await Promise.all(queued);
    expect((await names(file)).length).toBe(10);
  });
});
