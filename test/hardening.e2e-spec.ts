import { mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DataSource, MigrationInterface, QueryRunner } from 'typeorm';
import { databaseOptions } from '../src/database/database-options';
import { MIGRATIONS } from '../src/database/migrations';
import { expectError, TestApp } from './support/test-app';

const mode = (path: string) => statSync(path).mode & 0o777;

/** `default-src 'self'; img-src 'self' data:` → {'default-src': ["'self'"], 'img-src': ["'self'", 'data:']}. */
function parseCsp(header: string): Record<string, string[]> {
  const directives: Record<string, string[]> = {};
  for (const part of header.split(';')) {
    const [name, ...sources] = part.trim().split(/\s+/);
    if (name) directives[name.toLowerCase()] = sources;
  }
  return directives;
}

describe('hardening (e2e)', () => {
  let api: TestApp;

  beforeAll(async () => {
    api = await TestApp.start({});
  });
  afterAll(() => api.close());

  it('sends the API security headers on JSON answers and the full set, with a CSP that lets Swagger UI load its own files, on pages', async () => {
    for (const path of ['/health', '/nowhere']) {
      const answer = await api.get(path);
      expect(answer.headers.get('content-security-policy')).toBe("default-src 'none'; frame-ancestors 'none'");
      expect(answer.headers.get('x-content-type-options')).toBe('nosniff');
      expect(answer.headers.get('referrer-policy')).toBe('no-referrer');
      expect(answer.headers.get('cross-origin-resource-policy')).toBe('same-site');
    }
    const page = await api.get('/docs');
    expect(page.status).toBe(200);
    const csp = page.headers.get('content-security-policy') ?? '';
    expect(csp).toContain("default-src 'self'");
    expect(csp).toContain("script-src 'self'");
    expect(csp).toContain("frame-ancestors 'none'");
    expect(page.headers.get('x-content-type-options')).toBe('nosniff');
    expect(page.headers.get('referrer-policy')).toBe('no-referrer');
    expect(page.headers.get('x-frame-options')).toBe('SAMEORIGIN');
    const docs = await api.get('/docs');
    // Swagger UI's page has no inline script (the CSP would block it): only same-origin files.
    expect(docs.text).not.toMatch(/<script>(?!\s*<\/script>)/);
    expect(docs.text).toMatch(/<script src="\.\/docs\/swagger-ui-init\.js">/);
    expect((await api.get('/docs/swagger-ui-init.js')).status).toBe(200);
  });

  it('sends a CSP the dashboard works with: its own scripts only, and fetches to other probes (fleet view)', async () => {
    const csp = parseCsp((await api.get('/docs')).headers.get('content-security-policy') ?? '');
    expect(csp['script-src']).toEqual(["'self'"]);
    expect(csp['default-src']).toEqual(["'self'"]);
    expect(csp['img-src']).toEqual(expect.arrayContaining(["'self'", 'data:']));
    // The fleet view asks other probes' /health and /system from the browser, at any http(s) origin.
    expect(csp['connect-src']).toEqual(expect.arrayContaining(["'self'", 'http:', 'https:']));
    // The page itself: same-origin script and stylesheet, no inline script or handler the CSP would block.
    const page = readFileSync(join(__dirname, '..', 'web', 'index.html'), 'utf8');
    const scripts = [...page.matchAll(/<script\b([^>]*)>([\s\S]*?)<\/script>/g)];
    expect(scripts.length).toBeGreaterThan(0);
    for (const [, attributes, inline] of scripts) {
      expect(attributes).toMatch(/\bsrc="\/assets\/[^"]+\.js"/);
      expect(inline.trim()).toBe('');
    }
    expect(page).not.toMatch(/\son[a-z]+\s*=/i);
    expect(page).not.toMatch(/javascript:/i);
    // Nor does the bundled code need eval (script-src has no 'unsafe-eval').
    const { buildWeb } = require('../web/build.js');
    const webDir = mkdtempSync(join(tmpdir(), 'hc-web-'));
    try {
      const out = await buildWeb({ outdir: join(webDir, 'public'), minify: false });
      const bundle = readFileSync(join(out, 'assets', 'app.js'), 'utf8');
      expect(bundle.length).toBeGreaterThan(1000);
      expect(bundle).not.toMatch(/\beval\(|new Function\(/);
    } finally {
      // esbuild's service process would keep Jest from exiting.
      await require('esbuild').stop();
      rmSync(webDir, { recursive: true, force: true });
    }
  });

  it('gives each request an id, echoes a sane caller id, replaces a bad one', async () => {
    const generated = await api.get('/health');
    expect(generated.headers.get('x-request-id')).toMatch(/^[0-9a-f-]{36}$/);
    const kept = await api.get('/health', { headers: { 'x-request-id': 'lb-42.abc' } });
    expect(kept.headers.get('x-request-id')).toBe('lb-42.abc');
    const replaced = await api.get('/health', { headers: { 'x-request-id': 'x'.repeat(300) } });
    expect(replaced.headers.get('x-request-id')).toMatch(/^[0-9a-f-]{36}$/);
  });

  it('answers 413 in the error shape for a body over 64 KiB', async () => {
    const answer = await api.request('POST', '/login', { rawBody: JSON.stringify({ username: 'a', password: 'x'.repeat(70 * 1024) }) });
    expectError(answer, 413, 'Requête trop volumineuse');
  });

  it('answers 400 in the error shape for malformed JSON, 415 for a content type other than JSON', async () => {
    expectError(await api.request('POST', '/login', { rawBody: '{"username": "admin",' }), 400, 'Requête invalide');
    const wrongType = await api.request('POST', '/login', { rawBody: 'username=admin', headers: { 'content-type': 'text/plain' } });
    expectError(wrongType, 415, 'Type de contenu non supporté');
  });

  it('sends no CORS headers unless CORS_ORIGINS lists the origin', async () => {
    const plain = await api.get('/health', { headers: { origin: 'https://evil.example' } });
    expect(plain.headers.get('access-control-allow-origin')).toBeNull();
    const cors = await TestApp.start({ CORS_ORIGINS: 'https://ops.example, https://grafana.example' });
    try {
      const allowed = await cors.request('OPTIONS', '/cpu', {
        headers: { origin: 'https://ops.example', 'access-control-request-method': 'GET', 'access-control-request-headers': 'authorization' },
      });
      expect(allowed.status).toBe(204);
      expect(allowed.headers.get('access-control-allow-origin')).toBe('https://ops.example');
      expect(allowed.headers.get('access-control-allow-headers')).toMatch(/Authorization/i);
      const simple = await cors.get('/health', { headers: { origin: 'https://grafana.example' } });
      expect(simple.headers.get('access-control-allow-origin')).toBe('https://grafana.example');
      const refused = await cors.get('/health', { headers: { origin: 'https://evil.example' } });
      expect(refused.headers.get('access-control-allow-origin')).toBeNull();
    } finally {
      await cors.close();
    }
  });

  it('keeps the database in WAL mode with a busy timeout, its files readable by the owner only', async () => {
    const dataSource = api.app.get(DataSource);
    expect(await dataSource.query('PRAGMA journal_mode')).toEqual([{ journal_mode: 'wal' }]);
    expect(await dataSource.query('PRAGMA busy_timeout')).toEqual([{ timeout: 5000 }]);
    await dataSource.query('SELECT count(*) FROM audit_log');
    const file = join(api.dir, 'healthcheck.sqlite');
    expect(mode(file)).toBe(0o600);
    expect(mode(`${file}-wal`)).toBe(0o600);
    expect(mode(`${file}-shm`)).toBe(0o600);
  });
});

describe('database file modes at start', () => {
  it('tightens an existing database file to 0600', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'hc-modes-'));
    const first = await TestApp.start({}, dir);
    await first.close(false);
    const { chmodSync } = await import('node:fs');
    chmodSync(join(dir, 'healthcheck.sqlite'), 0o644);
    const again = await TestApp.start({}, dir);
    expect(mode(join(dir, 'healthcheck.sqlite'))).toBe(0o600);
    await again.close();
  });
});

class CreateScratch1799000000000 implements MigrationInterface {
  name = 'CreateScratch1799000000000';
  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('CREATE TABLE "scratch" ("id" INTEGER PRIMARY KEY)');
    await queryRunner.query('UPDATE "thresholds" SET "warning_level" = 1');
  }
  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('DROP TABLE "scratch"');
  }
}

class Broken1799000000001 implements MigrationInterface {
  name = 'Broken1799000000001';
  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('ALTER TABLE "no_such_table" ADD COLUMN "x" TEXT');
  }
  async down(): Promise<void> {}
}

describe('migrations', () => {
  it('run in one transaction: a failing migration leaves the file as it was', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'hc-migrate-'));
    const path = join(dir, 'healthcheck.sqlite');
    try {
      const app = await TestApp.start({}, dir);
      await app.close(false);

      const broken = new DataSource({ ...databaseOptions(path), migrations: [...MIGRATIONS, CreateScratch1799000000000, Broken1799000000001], logging: false } as any);
      await expect(broken.initialize()).rejects.toThrow(/no_such_table/);
      if (broken.isInitialized) await broken.destroy();

      const check = new DataSource({ ...databaseOptions(path), migrationsRun: false } as any);
      await check.initialize();
      const tables = (await check.query(`SELECT name FROM sqlite_master WHERE type = 'table'`)).map((row: any) => row.name);
      expect(tables).not.toContain('scratch');
      expect(tables).toEqual(expect.arrayContaining(['thresholds', 'audit_log', 'migrations']));
      const levels = await check.query('SELECT resource, warning_level FROM thresholds ORDER BY id');
      expect(levels.map((row: any) => row.warning_level)).toEqual([70, 70, 80]);
      const ran = await check.query('SELECT name FROM migrations');
      expect(ran.map((row: any) => row.name)).toEqual(MIGRATIONS.map((migration) => new migration().name));
      await check.destroy();

      const reopened = await TestApp.start({}, dir);
      expect((await reopened.get('/health')).status).toBe(200);
      await reopened.close(false);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
