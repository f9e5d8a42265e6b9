import { ChildProcess, execFileSync, spawn } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readdirSync, statSync, symlinkSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { join } from 'node:path';
import { Database } from 'sqlite3';

const root = join(__dirname, '..', '..');

export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });
}

/** Reads a SQLite file directly (the server's own answers are not what is checked). */
export function query(file: string, sql: string): Promise<any[]> {
  return new Promise((resolve, reject) => {
    const db = new Database(file);
    db.all(sql, (error, rows) => db.close(() => (error ? reject(error) : resolve(rows))));
  });
}

export const post = (url: string, body: unknown, token?: string, headers: Record<string, string> = {}) =>
  fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers, ...(token ? { authorization: `Bearer ${token}` } : {}) },
    body: JSON.stringify(body),
  });

function newestSource(folder: string): number {
  let newest = 0;
  for (const name of readdirSync(folder)) {
    const path = join(folder, name);
    const stats = statSync(path);
    newest = Math.max(newest, stats.isDirectory() ? newestSource(path) : stats.mtimeMs);
  }
  return newest;
}

/**
 * The server compiled from src/ (never into the project's dist/), once for every test file that
 * needs a real process: recompiled only when a source file is newer than the last compilation.
 */
export function compiledServer(): string {
  // One per checkout: work trees may share a node_modules.
  const checkout = createHash('sha256').update(root).digest('hex').slice(0, 12);
  const folder = join(root, 'node_modules', '.cache', `healthcheck-e2e-server-${checkout}`);
  const dist = join(folder, 'dist');
  const stamp = join(folder, 'compiled-at');
  const compiledAt = existsSync(stamp) ? statSync(stamp).mtimeMs : 0;
  if (compiledAt < newestSource(join(root, 'src'))) {
    mkdirSync(folder, { recursive: true });
    execFileSync(
      process.execPath,
      [join(root, 'node_modules', 'typescript', 'bin', 'tsc'), '-p', join(root, 'tsconfig.build.json'), '--outDir', dist, '--incremental', 'false'],
      { cwd: root, stdio: 'pipe' },
    );
    if (!existsSync(join(folder, 'node_modules'))) symlinkSync(join(root, 'node_modules'), join(folder, 'node_modules'));
    writeFileSync(stamp, new Date().toISOString());
  }
  return dist;
}

/** How to run a server: its `main.js`, from which folder, with exactly which environment. */
export interface Launch {
  main: string;
  cwd: string;
  /** The whole environment of the process: nothing of the test runner's leaks into it. */
  env: Record<string, string>;
  port: number;
  database: string;
}

/** `node dist/main.js` as a child process, the way production runs it. */
export class BuiltServer {
  output = '';
  exited: Promise<number | null>;

  private constructor(
    readonly child: ChildProcess,
    readonly port: number,
    readonly database: string,
  ) {
    child.stdout!.on('data', (chunk) => (this.output += chunk));
    child.stderr!.on('data', (chunk) => (this.output += chunk));
    this.exited = new Promise((resolve) => child.once('exit', (code) => resolve(code)));
  }

  get url(): string {
    return `http://127.0.0.1:${this.port}`;
  }

  /** Starts on `database` (default: a new file in `dir`) and waits for /health to answer 200. */
  static async start(dir: string, dist: string, env: Record<string, string>, database?: string): Promise<BuiltServer> {
    const port = await freePort();
    const file = database ?? join(dir, `${env.LOG_LEVEL ?? 'db'}-${port}.sqlite`);
    return BuiltServer.launch({
      main: join(dist, 'main.js'),
      cwd: dir,
      env: { PATH: process.env.PATH ?? '/usr/bin:/bin', PORT: String(port), HOST: '127.0.0.1', DATABASE_PATH: file, NODE_ENV: 'production', ...env },
      port,
      database: file,
    });
  }

  /** Runs `launch` and waits until /health answers 200 (UP), for 30 s at most. */
  static async launch(launch: Launch): Promise<BuiltServer> {
    const child = spawn(process.execPath, [launch.main], { cwd: launch.cwd, env: launch.env, stdio: ['ignore', 'pipe', 'pipe'] });
    const server = new BuiltServer(child, launch.port, launch.database);
    const deadline = Date.now() + 30000;
    while (Date.now() < deadline && child.exitCode === null) {
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

  async stop(signal: NodeJS.Signals = 'SIGTERM'): Promise<number | null> {
    if (this.child.exitCode === null && this.child.signalCode === null) this.child.kill(signal);
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
