import { NestFastifyApplication } from '@nestjs/platform-fastify';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createApp } from '../../src/app.factory';
import { AppSettings } from '../../src/common/settings/app-settings';
import { buildOpenApiDocument } from '../../src/swagger';
import { OpenApiContract } from './openapi-contract';

export interface HttpAnswer<T = any> {
  status: number;
  body: T;
  headers: Headers;
  text: string;
}

export interface RequestOptions {
  token?: string;
  body?: unknown;
  /** Sent as is (for malformed JSON). */
  rawBody?: string;
  headers?: Record<string, string>;
}

/** One contract per document text: the apps of a test file share it (the document is the same). */
const contracts = new Map<string, OpenApiContract>();

export const TEST_ADMIN_PASSWORD = 'Probe-Test-Pass-1';
/**
 * The passwords `userToken` gives a user: first the one an admin sets, then the user's own. They
 * must pass the password rule (so must not contain the username: no test user is named after them).
 */
export const TEST_INITIAL_PASSWORD = 'Initial-Secret-1';
export const TEST_USER_PASSWORD = 'Final-Secret-1';

/** The real application on a temporary SQLite file, listening on 127.0.0.1, spoken to over HTTP. */
export class TestApp {
  private contract?: OpenApiContract;
  /** Every answer that broke the API contract, reported again at close (in case a test swallowed the error). */
  readonly contractViolations: string[] = [];

  private constructor(
    readonly app: NestFastifyApplication,
    readonly url: string,
    readonly dir: string,
    readonly env: Record<string, string>,
  ) {}

  /** Starts the app; pass `dir` to reopen the same database (a restart). */
  static async start(env: Record<string, string> = {}, dir?: string): Promise<TestApp> {
    const folder = dir ?? mkdtempSync(join(tmpdir(), 'healthcheck-e2e-'));
    const fullEnv = {
      DATABASE_PATH: join(folder, 'healthcheck.sqlite'),
      LOG_LEVEL: 'silent',
      HOST: '127.0.0.1',
      PORT: '0',
      SAMPLE_INTERVAL_SECONDS: '1',
      // The first admin gets this password (no forced change), so tests can log in at once.
      ADMIN_PASSWORD: TEST_ADMIN_PASSWORD,
      ...env,
    };
    const settings = AppSettings.fromEnv(fullEnv);
    const app = await createApp(settings);
    // PORT is 0 (any free port) unless a test needs to know its address before the start.
    await app.listen(settings.port, '127.0.0.1');
    const address = app.getHttpServer().address();
    const port = typeof address === 'object' && address ? address.port : 0;
    return new TestApp(app, `http://127.0.0.1:${port}`, folder, env);
  }

  /** Closes and starts again on the same database file and settings. */
  async restart(env: Record<string, string> = this.env): Promise<TestApp> {
    await this.app.close();
    return TestApp.start(env, this.dir);
  }

  async close(removeFiles = true): Promise<void> {
    await this.app.close();
    if (removeFiles) rmSync(this.dir, { recursive: true, force: true });
    if (this.contractViolations.length > 0) {
      throw new Error(`API contract broken by ${this.contractViolations.length} answer(s):\n${this.contractViolations.join('\n')}`);
    }
  }

  /** The OpenAPI document of this app (what /docs-json serves), built once, as a checker of answers. */
  private openApiContract(): OpenApiContract {
    if (!this.contract) {
      const text = JSON.stringify(buildOpenApiDocument(this.app));
      let contract = contracts.get(text);
      if (!contract) {
        contract = new OpenApiContract(JSON.parse(text));
        contracts.set(text, contract);
      }
      this.contract = contract;
    }
    return this.contract;
  }

  async request<T = any>(method: string, path: string, options: RequestOptions = {}): Promise<HttpAnswer<T>> {
    const headers: Record<string, string> = { ...(options.headers ?? {}) };
    if (options.token) headers.authorization = `Bearer ${options.token}`;
    let body: string | undefined;
    if (options.rawBody !== undefined) body = options.rawBody;
    else if (options.body !== undefined) body = JSON.stringify(options.body);
    if (body !== undefined && !Object.keys(headers).some((name) => name.toLowerCase() === 'content-type')) {
      headers['content-type'] = 'application/json';
    }
    const response = await fetch(this.url + path, { method, headers, body });
    const text = await response.text();
    let parsed: unknown = text;
    try {
      parsed = text ? JSON.parse(text) : undefined;
    } catch {
      // not JSON: keep the text
    }
    // Every answer is checked against the OpenAPI document: a status it does not list for the
    // operation, or a body that does not match its schema, fails the test.
    const violation = this.openApiContract().violation({
      method,
      path,
      status: response.status,
      contentType: response.headers.get('content-type'),
      text,
      body: parsed,
    });
    if (violation) {
      this.contractViolations.push(violation);
      throw new Error(`API contract: ${violation}`);
    }
    return { status: response.status, body: parsed as T, headers: response.headers, text };
  }

  /** POST /login; returns the token (fails the test when the login is refused). */
  async login(username: string, password: string): Promise<string> {
    const answer = await this.post('/login', { username, password });
    if (answer.status !== 200 || typeof answer.body?.token !== 'string') {
      throw new Error(`login of ${username} failed: ${answer.status} ${answer.text}`);
    }
    return answer.body.token;
  }

  /** A token of the first admin (password TEST_ADMIN_PASSWORD unless the test set ADMIN_PASSWORD). */
  adminToken(): Promise<string> {
    return this.login('admin', this.env.ADMIN_PASSWORD ?? TEST_ADMIN_PASSWORD);
  }

  /** Creates a user as admin and returns a token of theirs (password change done when forced). */
  async userToken(username: string, role: 'viewer' | 'technicien' | 'admin', adminToken?: string): Promise<string> {
    const admin = adminToken ?? (await this.adminToken());
    const initial = TEST_INITIAL_PASSWORD;
    const created = await this.post('/users', { username, password: initial, role }, { token: admin });
    if (created.status !== 201) throw new Error(`creating ${username} failed: ${created.status} ${created.text}`);
    const token = await this.login(username, initial);
    const final = TEST_USER_PASSWORD;
    const changed = await this.post(
      '/change-password',
      { current_password: initial, new_password: final, confirm_password: final },
      { token },
    );
    if (changed.status !== 200) throw new Error(`password change of ${username} failed: ${changed.status} ${changed.text}`);
    return this.login(username, final);
  }

  get<T = any>(path: string, options?: RequestOptions) {
    return this.request<T>('GET', path, options);
  }
  post<T = any>(path: string, body?: unknown, options?: RequestOptions) {
    return this.request<T>('POST', path, { ...options, body });
  }
  put<T = any>(path: string, body?: unknown, options?: RequestOptions) {
    return this.request<T>('PUT', path, { ...options, body });
  }
  delete<T = any>(path: string, options?: RequestOptions) {
    return this.request<T>('DELETE', path, options);
  }
}

/** ISO 8601 UTC to the second, with Z. */
export const ISO_SECONDS = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}Z$/;

/** Asserts the API's error shape and returns the body. */
export function expectError(answer: HttpAnswer, status: number, error?: string): { error: string; message: string } {
  expect({ status: answer.status, body: answer.body }).toEqual({
    status,
    body: expect.objectContaining({ error: error ?? expect.any(String), message: expect.any(String) }),
  });
  return answer.body;
}
