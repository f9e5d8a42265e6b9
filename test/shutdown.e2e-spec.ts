import { ChildProcess, execFileSync, spawn } from 'node:child_process';
import { mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Database } from 'sqlite3';

const root = join(__dirname, '..');
const ADMIN_PASSWORD = 'Shutdown-Root-1';

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });
}

function query(file: string, sql: string): Promise<any[]> {
  return new Promise((resolve, reject) => {
    const db = new Database(file);
    db.all(sql, (error, rows) => db.close(() => (error ? reject(error) : resolve(rows))));
  });
}

const post = (url: string, body: unknown, token?: string, headers: Record<string, string> = {}) =>
  fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers, ...(token ? { authorization: `Bearer ${token}` } : {}) },
    body: JSON.stringify(body),
  });

/** The server compiled here (never into dist/), run as a child process the way production runs it. */
class BuiltServer {
  output = '';
  exited: Promise<number | null>;

  private constructor(
    readonly child: ChildProcess,
    readonly url: string,
    readonly database: string,
  ) {
    child.stdout!.on('data', (chunk) => (this.output += chunk));
    child.stderr!.on('data', (chunk) => (this.output += chunk));
    this.exited = new Promise((resolve) => child.once('exit', (code) => resolve(code)));
  }

  static async start(dir: string, dist: string, env: Record<string, string>): Promise<BuiltServer> {
    const port = await freePort();
    const database = join(dir, `${env.LOG_LEVEL ?? 'db'}-${port}.sqlite`);
    const child = spawn(process.execPath, [join(dist, 'main.js')], {
      cwd: dir,
      env: {
        PATH: process.env.PATH,
        PORT: String(port),
        HOST: '127.0.0.1',
        DATABASE_PATH: database,
        ADMIN_PASSWORD,
        NODE_ENV: 'production',
        ...env,
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    const server = new BuiltServer(child, `http://127.0.0.1:${port}`, database);
    const deadline = Date.now() + 20000;
    while (Date.now() < deadline) {
      try {
        if ((await fetch(`${server.url}/health`)).ok) return server;
      } catch {
        // not listening yet
      }
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    child.kill('SIGKILL');
    throw new Error(`server did not start: ${server.output}`);
  }

  async login(): Promise<string> {
    return ((await (await post(`${this.url}/login`, { username: 'admin', password: ADMIN_PASSWORD })).json()) as { token: string }).token;
  }

  async stop(): Promise<number | null> {
    if (this.child.exitCode === null) this.child.kill('SIGTERM');
    return this.exited;
  }

  /** The JSON lines written so far (every line should be one). */
  lines(): Array<Record<string, any>> {
    return this.output
      .split('\n')
      .filter((line) => line.trim() !== '')
      .map((line) => {
        try {
          return JSON.parse(line);
        } catch {
          return { notJson: line };
        }
      });
  }
}

describe('built server', () => {
  const dir = mkdtempSync(join(tmpdir(), 'hc-shutdown-'));
  const dist = join(dir, 'dist');
  let commands: string;
  const servers: BuiltServer[] = [];

  beforeAll(() => {
    execFileSync(process.execPath, [join(root, 'node_modules', 'typescript', 'bin', 'tsc'), '-p', join(root, 'tsconfig.build.json'), '--outDir', dist, '--incremental', 'false'], {
      cwd: root,
      stdio: 'pipe',
    });
    symlinkSync(join(root, 'node_modules'), join(dir, 'node_modules'));
    commands = join(dir, 'commands.json');
    writeFileSync(commands, JSON.stringify({ commands: [{ name: 'nap', description: 'sleeps 1.5 s', argv: ['sleep', '1.5'] }] }));
  }, 90000);

  afterAll(() => {
    for (const server of servers) if (server.child.exitCode === null) server.child.kill('SIGKILL');
    rmSync(dir, { recursive: true, force: true });
  });

  const start = async (env: Record<string, string>) => {
    const server = await BuiltServer.start(dir, dist, { COMMANDS_FILE: commands, ...env });
    servers.push(server);
    return server;
  };

  it('SIGTERM: finishes the request in flight, keeps what it answered as saved, and exits 0', async () => {
    const server = await start({ LOG_LEVEL: 'warn' });
    const token = await server.login();
    const created = await post(`${server.url}/users`, { username: 'saved.before', password: 'Saved-Before-1', role: 'viewer' }, token);
    expect(created.status).toBe(201);

    const inFlight = post(`${server.url}/commands/nap`, {}, token);
    await new Promise((resolve) => setTimeout(resolve, 300));
    server.child.kill('SIGTERM');

    const answer = await inFlight;
    expect(answer.status).toBe(200);
    expect(await answer.json()).toEqual(expect.objectContaining({ command: 'nap', exit_code: 0, timed_out: false }));
    expect(await server.exited).toBe(0);
    await expect(fetch(`${server.url}/health`)).rejects.toThrow();

    expect(await query(server.database, `SELECT username FROM users WHERE username = 'saved.before'`)).toEqual([{ username: 'saved.before' }]);
    const audit = await query(server.database, `SELECT action, target, outcome FROM audit_log WHERE action = 'command.run'`);
    expect(audit).toEqual([{ action: 'command.run', target: 'nap', outcome: 'success' }]);
    // LOG_LEVEL=warn: nothing below warn was written, and whatever was is JSON.
    expect(server.lines().filter((line) => line.notJson !== undefined || line.level < 40)).toEqual([]);
  }, 30000);

  it('logs JSON lines through pino at LOG_LEVEL, with the request id, and never a password', async () => {
    const server = await start({ LOG_LEVEL: 'debug' });
    expect((await fetch(`${server.url}/health`, { headers: { 'x-request-id': 'log-check-42' } })).headers.get('x-request-id')).toBe('log-check-42');
    expect((await post(`${server.url}/login`, { username: 'admin', password: 'Not-The-Password-7' })).status).toBe(401);
    expect(await server.stop()).toBe(0);

    const lines = server.lines();
    expect(lines.filter((line) => line.notJson !== undefined)).toEqual([]);
    expect(lines).toEqual(
      expect.arrayContaining([
        // Fastify's request line, with the caller's id.
        expect.objectContaining({ level: 20, reqId: 'log-check-42', method: 'GET', url: '/health', statusCode: 200, msg: 'request done' }),
        expect.objectContaining({ level: 20, reqId: expect.stringMatching(/^[0-9a-f-]{36}$/), url: '/login', statusCode: 401 }),
        // Nest's own messages go through the same pino, with their context.
        expect.objectContaining({ level: 30, context: 'NestApplication', msg: 'Nest application successfully started' }),
        expect.objectContaining({ level: 30, context: 'HealthCheck', msg: 'SIGTERM received, finishing requests in flight' }),
      ]),
    );
    expect(server.output).not.toContain('Not-The-Password-7');
    expect(server.output).not.toContain(ADMIN_PASSWORD);
  }, 30000);
});
