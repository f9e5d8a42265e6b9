import { ChildProcess, execFileSync, spawn } from 'node:child_process';
import { mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Database } from 'sqlite3';

const root = join(__dirname, '..');

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

/** The built server (compiled here, never into dist/), stopped with SIGTERM while a request runs. */
describe('graceful shutdown (built server)', () => {
  const dir = mkdtempSync(join(tmpdir(), 'hc-shutdown-'));
  const out = join(dir, 'dist');
  let child: ChildProcess;
  let url: string;
  let stdout = '';

  beforeAll(async () => {
    execFileSync(process.execPath, [join(root, 'node_modules', 'typescript', 'bin', 'tsc'), '-p', join(root, 'tsconfig.build.json'), '--outDir', out, '--incremental', 'false'], {
      cwd: root,
      stdio: 'pipe',
    });
    symlinkSync(join(root, 'node_modules'), join(dir, 'node_modules'));
    const commands = join(dir, 'commands.json');
    writeFileSync(commands, JSON.stringify({ commands: [{ name: 'nap', description: 'sleeps 1.5 s', argv: ['sleep', '1.5'] }] }));
    const port = await freePort();
    url = `http://127.0.0.1:${port}`;
    child = spawn(process.execPath, [join(out, 'main.js')], {
      cwd: dir,
      env: {
        PATH: process.env.PATH,
        PORT: String(port),
        HOST: '127.0.0.1',
        DATABASE_PATH: join(dir, 'healthcheck.sqlite'),
        COMMANDS_FILE: commands,
        ADMIN_PASSWORD: 'Shutdown-Admin-1',
        LOG_LEVEL: 'warn',
        NODE_ENV: 'production',
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    child.stdout!.on('data', (chunk) => (stdout += chunk));
    child.stderr!.on('data', (chunk) => (stdout += chunk));
    const deadline = Date.now() + 20000;
    while (Date.now() < deadline) {
      try {
        if ((await fetch(`${url}/health`)).ok) return;
      } catch {
        // not listening yet
      }
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    throw new Error(`server did not start: ${stdout}`);
  }, 90000);

  afterAll(() => {
    if (child.exitCode === null) child.kill('SIGKILL');
    rmSync(dir, { recursive: true, force: true });
  });

  it('finishes the request in flight, keeps what it answered as saved, and exits 0', async () => {
    const post = (path: string, body: unknown, token?: string) =>
      fetch(`${url}${path}`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
        body: JSON.stringify(body),
      });
    const login = (await (await post('/login', { username: 'admin', password: 'Shutdown-Admin-1' })).json()) as { token: string };
    const token = login.token as string;
    const created = await post('/users', { username: 'saved.before', password: 'Saved-Before-1', role: 'viewer' }, token);
    expect(created.status).toBe(201);

    const inFlight = post('/commands/nap', {}, token);
    await new Promise((resolve) => setTimeout(resolve, 300));
    const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
    child.kill('SIGTERM');

    const answer = await inFlight;
    expect(answer.status).toBe(200);
    expect(await answer.json()).toEqual(expect.objectContaining({ command: 'nap', exit_code: 0, timed_out: false }));
    expect(await exited).toBe(0);
    await expect(fetch(`${url}/health`)).rejects.toThrow();

    const db = join(dir, 'healthcheck.sqlite');
    expect(await query(db, `SELECT username FROM users WHERE username = 'saved.before'`)).toEqual([{ username: 'saved.before' }]);
    const audit = await query(db, `SELECT action, target, outcome FROM audit_log WHERE action = 'command.run'`);
    expect(audit).toEqual([{ action: 'command.run', target: 'nap', outcome: 'success' }]);
  }, 30000);
});
