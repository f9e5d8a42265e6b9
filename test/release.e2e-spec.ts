import { ChildProcess, execFileSync, spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

// The release bundle as a server receives it: built by scripts/release.js, unpacked, installed by
// its install.sh into a temporary root (DESTDIR), then run with node alone.
const root = join(__dirname, '..');
const pkg = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8'));
const NAME = `healthcheck-${pkg.version}-linux-${process.arch}`;

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

/** `node dist/main.js` from the installed folder, in an environment holding nothing of this project. */
class InstalledServer {
  output = '';
  readonly exited: Promise<number | null>;

  constructor(
    readonly child: ChildProcess,
    readonly port: number,
  ) {
    child.stdout!.on('data', (chunk) => (this.output += chunk));
    child.stderr!.on('data', (chunk) => (this.output += chunk));
    this.exited = new Promise((resolve) => child.once('exit', (code) => resolve(code)));
  }

  static async start(app: string, database: string): Promise<InstalledServer> {
    const port = await freePort();
    // No HOST: the default, every interface, as on a server.
    const child = spawn(process.execPath, ['dist/main.js'], {
      cwd: app,
      env: { PATH: '/usr/local/bin:/usr/bin:/bin', PORT: String(port), DATABASE_PATH: database, NODE_ENV: 'production' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    const server = new InstalledServer(child, port);
    const deadline = Date.now() + 30000;
    while (Date.now() < deadline && child.exitCode === null) {
      try {
        const answer = await fetch(`${server.url}/health`);
        if (answer.ok && ((await answer.json()) as { status: string }).status === 'UP') return server;
      } catch {
        // not listening yet
      }
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    child.kill('SIGKILL');
    throw new Error(`the installed server did not answer UP: ${server.output}`);
  }

  get url(): string {
    return `http://127.0.0.1:${this.port}`;
  }

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

  async stop(): Promise<number | null> {
    if (this.child.exitCode === null) this.child.kill('SIGTERM');
    return this.exited;
  }
}

const post = (url: string, body: unknown, token?: string) =>
  fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
    body: JSON.stringify(body),
  });

describe('release bundle (npm run release)', () => {
  const dir = mkdtempSync(join(tmpdir(), 'hc-release-'));
  const destdir = join(dir, 'root');
  const app = join(destdir, 'opt', 'healthcheck');
  const unpacked = join(dir, 'unpacked', NAME);
  const servers: InstalledServer[] = [];
  let tarball: string;

  const install = () =>
    execFileSync('sh', [join(unpacked, 'install.sh')], { cwd: dir, env: { PATH: process.env.PATH, DESTDIR: destdir, NODE: process.execPath }, encoding: 'utf8' });

  beforeAll(() => {
    // `npm test` builds dist/ before jest; run alone, this builds it when missing or stale.
    execFileSync(process.execPath, [join(root, 'scripts', 'ensure-build.js')], { cwd: root, stdio: 'pipe' });
    execFileSync(process.execPath, [join(root, 'scripts', 'release.js'), '--out', dir], { cwd: root, stdio: 'pipe' });
    tarball = join(dir, `${NAME}.tar.gz`);
    mkdirSync(join(dir, 'unpacked'));
    execFileSync('tar', ['-xzf', tarball, '-C', join(dir, 'unpacked')]);
  }, 120000);

  afterAll(() => {
    for (const server of servers) if (server.child.exitCode === null) server.child.kill('SIGKILL');
    rmSync(dir, { recursive: true, force: true });
  });

  it('holds dist/, the production dependencies only (native modules compiled), the unit, the settings and install.sh', () => {
    for (const file of ['dist/main.js', 'dist/monitor.js', 'dist/public/index.html', 'config/commands.json', 'deploy/healthcheck.service', 'deploy/healthcheck.env', 'install.sh', 'README.md']) {
      expect([file, existsSync(join(unpacked, file))]).toEqual([file, true]);
    }
    expect(statSync(join(unpacked, 'install.sh')).mode & 0o111).toBe(0o111);
    const modules = join(unpacked, 'node_modules');
    for (const dependency of Object.keys(pkg.dependencies)) expect([dependency, existsSync(join(modules, dependency))]).toEqual([dependency, true]);
    // package-lock.json marks what only the dev dependencies need (`dev: true`): none of it ships.
    const lock = JSON.parse(readFileSync(join(unpacked, 'package-lock.json'), 'utf8')) as { packages: Record<string, { dev?: boolean }> };
    const devOnly = Object.entries(lock.packages).filter(([path, entry]) => entry.dev === true && existsSync(join(unpacked, path)));
    expect(devOnly.map(([path]) => path)).toEqual([]);
    for (const tool of ['typescript', 'jest', '@nestjs/cli', 'newman', 'esbuild']) expect([tool, existsSync(join(modules, tool))]).toEqual([tool, false]);
    expect(existsSync(join(modules, 'sqlite3', 'build', 'Release', 'node_sqlite3.node'))).toBe(true);
    expect(readdirSync(join(modules, 'argon2', 'prebuilds'))).toEqual([`linux-${process.arch}`]);
    // Reported in the README ("Install on a server"); a jump means something unwanted came along.
    expect(statSync(tarball).size).toBeLessThan(40 * 1024 * 1024);
  });

  it('install.sh installs into DESTDIR, writes the settings once and keeps them on the next run', () => {
    const first = install();
    expect(first).toContain('Next steps');
    expect(first).toMatch(/ADMIN_PASSWORD/);
    expect(first).toContain('admin123');
    expect(existsSync(join(app, 'dist', 'main.js'))).toBe(true);
    const env = join(destdir, 'etc', 'healthcheck', 'healthcheck.env');
    expect(statSync(env).mode & 0o777).toBe(0o600);
    const unit = readFileSync(join(destdir, 'etc', 'systemd', 'system', 'healthcheck.service'), 'utf8');
    expect(unit).toContain(`ExecStart=${process.execPath} /opt/healthcheck/dist/main.js`);

    writeFileSync(env, readFileSync(env, 'utf8') + 'ADMIN_PASSWORD=Kept-By-Upgrade-1\n');
    const second = install();
    expect(second).toContain('Kept the settings in /etc/healthcheck/healthcheck.env');
    expect(readFileSync(env, 'utf8')).toContain('ADMIN_PASSWORD=Kept-By-Upgrade-1');
    expect(readdirSync(join(destdir, 'opt'))).toEqual(['healthcheck']);
  }, 60000);

  it('the installed copy starts with node alone, answers UP, and logs a short start with the bind address and the admin123 warning', async () => {
    const database = join(dir, 'state', 'healthcheck.sqlite');
    const server = await InstalledServer.start(app, database);
    servers.push(server);

    expect(await server.stop()).toBe(0);

    const lines = server.lines();
    expect(lines.filter((line) => line.notJson !== undefined)).toEqual([]);
    const startUp = lines.filter((line) => line.msg !== 'SIGTERM received, finishing requests in flight');
    expect(startUp.length).toBeLessThanOrEqual(10);
    expect(startUp.map((line) => line.context)).not.toEqual(expect.arrayContaining(['InstanceLoader']));
    expect(startUp).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ level: 30, context: 'HealthCheck', msg: `listening on http://0.0.0.0:${server.port} (docs at /docs)` }),
        expect.objectContaining({ level: 40, context: 'HealthCheck', msg: expect.stringContaining(`admin123: log in at http://localhost:${server.port}/`) }),
      ]),
    );
    expect(startUp.filter((line) => line.level >= 40)).toHaveLength(1);

    // Once the password is changed, the next start has nothing to warn about.
    const again = await InstalledServer.start(app, database);
    servers.push(again);
    const login = await post(`${again.url}/login`, { username: 'admin', password: 'admin123' });
    expect(login.status).toBe(200);
    const { token } = (await login.json()) as { token: string };
    const changed = await post(`${again.url}/change-password`, { current_password: 'admin123', new_password: 'Release-Root-1', confirm_password: 'Release-Root-1' }, token);
    expect(changed.status).toBe(200);
    expect(await again.stop()).toBe(0);
    const third = await InstalledServer.start(app, database);
    servers.push(third);
    expect(await third.stop()).toBe(0);
    expect(third.lines().filter((line) => line.level >= 40)).toEqual([]);
  }, 90000);
});

/** `systemd-analyze verify` exits 0 even on an unknown key or a bad value: what it prints about the file counts. */
function verifyUnit(analyze: string, file: string): string[] {
  const result = spawnSync(analyze, ['verify', file], { encoding: 'utf8' });
  return `${result.stdout}\n${result.stderr}`.split('\n').filter((line) => line.includes(file) || (result.status !== 0 && line.trim() !== ''));
}

const analyze = ['/usr/bin/systemd-analyze', '/bin/systemd-analyze'].find((path) => existsSync(path));
if (!analyze && process.env.CI) throw new Error('systemd-analyze is missing: .ci/run installs it (Debian package systemd)');

(analyze ? describe : describe.skip)('deploy/healthcheck.service (systemd-analyze verify)', () => {
  const unit = join(root, 'deploy', 'healthcheck.service');
  const dir = mkdtempSync(join(tmpdir(), 'hc-unit-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('has no unknown key and no bad value', () => {
    expect(verifyUnit(analyze!, unit)).toEqual([]);
  });

  it('the check catches a bad line (so the empty answer above means something)', () => {
    const broken = join(dir, 'healthcheck.service');
    writeFileSync(broken, readFileSync(unit, 'utf8').replace('ProtectSystem=strict', 'ProtectSystem=strictest\nRestartSecs=5'));
    expect(verifyUnit(analyze!, broken)).toEqual([expect.stringContaining('strictest'), expect.stringContaining('RestartSecs')]);
  });

  it('keeps the settings that make it acceptable on a server', () => {
    const text = readFileSync(unit, 'utf8');
    for (const line of [
      'User=healthcheck',
      'EnvironmentFile=/etc/healthcheck/healthcheck.env',
      'StateDirectory=healthcheck',
      'Environment=DATABASE_PATH=/var/lib/healthcheck/healthcheck.sqlite',
      'Restart=on-failure',
      'NoNewPrivileges=yes',
      'ProtectSystem=strict',
      'PrivateTmp=yes',
    ]) {
      expect(text.split('\n')).toContain(line);
    }
    // V8's JIT needs writable and executable memory; /processes reads every process.
    expect(text).not.toMatch(/^MemoryDenyWriteExecute=/m);
    expect(text).not.toMatch(/^ProtectProc=/m);
  });
});
