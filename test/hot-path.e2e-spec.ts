import { renameSync } from 'node:fs';
import { join } from 'node:path';
import { ApplicationConfig } from '@nestjs/core';
import { DataSource } from 'typeorm';
import { AuthStateService } from '../src/auth/auth-state.service';
import { expectError, TestApp } from './support/test-app';

// The module object passwords.ts reads `hash`/`verify` from (its `import * as` binds to it live).
// eslint-disable-next-line @typescript-eslint/no-require-imports
const argon2: { hash: (...args: unknown[]) => unknown; verify: (...args: unknown[]) => unknown } = require('argon2');

const HOT_ROUTES = ['/cpu', '/memory', '/disk', '/system', '/load', '/alerts', '/processes/top', '/metrics', '/history?resource=cpu&minutes=5'];
const SQLITE_METHODS = ['run', 'all', 'get', 'each', 'exec', 'prepare'] as const;

/** Counts every statement that reaches the sqlite3 connection, and every argon2 call. */
function watch(api: TestApp) {
  const connection = api.app.get(DataSource).driver as unknown as { databaseConnection: Record<string, (...args: unknown[]) => unknown> };
  const database = connection.databaseConnection;
  const statements: string[] = [];
  const originals = SQLITE_METHODS.map((method) => [method, database[method]] as const);
  for (const [method, original] of originals) {
    database[method] = function (this: unknown, ...args: unknown[]) {
      statements.push(String(args[0]).slice(0, 80));
      return original.apply(this, args);
    };
  }
  const hash = jest.spyOn(argon2, 'hash');
  const verify = jest.spyOn(argon2, 'verify');
  return {
    statements,
    argon2Calls: () => hash.mock.calls.length + verify.mock.calls.length,
    restore() {
      for (const [method, original] of originals) database[method] = original;
      hash.mockRestore();
      verify.mockRestore();
    },
  };
}

describe('the authenticated hot path (e2e)', () => {
  let api: TestApp;

  beforeAll(async () => {
    // No scheduled alert check (it reads the Discord settings) during the measurement.
    api = await TestApp.start({ ALERTS_CRON: '0 0 1 1 *' });
  });

  afterAll(() => api.close());

  it('touches neither SQLite nor argon2 once a token was seen: metric reads are served from memory', async () => {
    const viewer = await api.userToken('hot.viewer', 'viewer');
    for (const route of HOT_ROUTES) expect({ route, status: (await api.get(route, { token: viewer })).status }).toEqual({ route, status: 200 });
    const watched = watch(api);
    try {
      const answers = await Promise.all(
        HOT_ROUTES.flatMap((route) => Array.from({ length: 20 }, () => api.get(route, { token: viewer }))),
      );
      expect(answers.filter((answer) => answer.status !== 200)).toEqual([]);
      expect(watched.statements).toEqual([]);
      expect(watched.argon2Calls()).toBe(0);

      // The watch itself works: a login verifies a password and writes its session.
      await api.adminToken();
      expect(watched.argon2Calls()).toBeGreaterThan(0);
      expect(watched.statements.length).toBeGreaterThan(0);
    } finally {
      watched.restore();
    }
  });

  it('has no global interceptor: one would wrap every request in RxJS and AsyncResource bindings', () => {
    // Audit is put on its routes only; the database write gate is a guard.
    expect(api.app.get(ApplicationConfig).getGlobalInterceptors()).toEqual([]);
  });

  it('runs one global guard: the auth guard, which asks the database write gate on write routes only', () => {
    const config = api.app.get(ApplicationConfig);
    const guards = [...config.getGlobalGuards(), ...config.getGlobalRequestGuards()];
    expect(guards).toHaveLength(1);
  });

  it('a demotion acts on the very next request, even with the token cached', async () => {
    const admin = await api.adminToken();
    const technician = await api.userToken('hot.tech', 'technicien', admin);
    expect((await api.get('/commands', { token: technician })).status).toBe(200);
    expect((await api.get('/commands', { token: technician })).status).toBe(200);
    expect(api.app.get(AuthStateService).tokens.get(technician)).toBeDefined();
    const id = (await api.get('/me', { token: technician })).body.id;
    expect((await api.put(`/users/${id}`, { role: 'viewer' }, { token: admin })).status).toBe(200);
    expectError(await api.get('/commands', { token: technician }), 403);
    expect((await api.get('/cpu', { token: technician })).status).toBe(200);
  });

  it('a deletion and a password reset by an admin refuse the cached token at once', async () => {
    const admin = await api.adminToken();
    const gone = await api.userToken('hot.gone', 'viewer', admin);
    const reset = await api.userToken('hot.reset', 'viewer', admin);
    for (const token of [gone, reset]) {
      expect((await api.get('/system', { token })).status).toBe(200);
      expect((await api.get('/system', { token })).status).toBe(200);
    }
    const goneId = (await api.get('/me', { token: gone })).body.id;
    const resetId = (await api.get('/me', { token: reset })).body.id;
    expect((await api.delete(`/users/${goneId}`, { token: admin })).status).toBe(200);
    expectError(await api.get('/system', { token: gone }), 401, 'Token invalide');
    expect((await api.put(`/users/${resetId}`, { password: 'Another-Pass-123' }, { token: admin })).status).toBe(200);
    expectError(await api.get('/system', { token: reset }), 401, 'Token invalide');
    const state = api.app.get(AuthStateService);
    expect(state.tokens.get(gone)).toBeUndefined();
    expect(state.tokens.get(reset)).toBeUndefined();
  });

  it('the database write gate (a guard, not a global interceptor) runs after the auth guard', async () => {
    const admin = await api.adminToken();
    const viewer = await api.userToken('hot.gate', 'viewer', admin);
    const file = join(api.dir, 'healthcheck.sqlite');
    renameSync(file, `${file}.moved`);
    try {
      await new Promise((resolve) => setTimeout(resolve, 600)); // past the file monitor's cache
      expectError(await api.post('/users', { username: 'x.y', password: 'Xy-Password-1', role: 'viewer' }), 401, 'Token manquant');
      expectError(await api.post('/users', { username: 'x.y', password: 'Xy-Password-1', role: 'viewer' }, { token: viewer }), 403);
      expectError(await api.post('/users', { username: 'x.y', password: 'Xy-Password-1', role: 'viewer' }, { token: admin }), 503);
      // A public write route is gated too; reads are not.
      expectError(await api.post('/login', { username: 'admin', password: 'whatever-1' }), 503);
      expect((await api.get('/cpu', { token: viewer })).status).toBe(200);
    } finally {
      renameSync(`${file}.moved`, file);
    }
  });
});
