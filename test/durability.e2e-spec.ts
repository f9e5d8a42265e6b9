import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { BuiltServer, compiledServer, query } from './support/built-server';

/**
 * "A 2xx means it is in the file": clients write at the same time on every write route a test can
 * call safely, the server is stopped (SIGTERM, or SIGKILL) and started again on the same file, and
 * everything that was acknowledged must be there — and nothing that was revoked or deleted back.
 */
const ADMIN_PASSWORD = 'Durable-Root-Pass-9';
const TOKEN = 'abcdefghijklmnopqrstuvwxyz0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ_-';

type Json = Record<string, any>;

/** Every answer of the storm, and what the acknowledged ones promise. */
class Ledger {
  readonly statuses: number[] = [];
  readonly failures: string[] = [];
  /** Successful audited actions, by audit action. */
  readonly audited = new Map<string, number>();
  readonly fleet = new Map<number, string>();
  readonly fleetRemoved = new Set<number>();
  readonly users = new Map<string, { id: number; role: string; deleted: boolean }>();
  readonly revokedTokens: string[] = [];
  thresholds: Json | null = null;
  discord: Json | null = null;
  password: string | null = null;

  count(action: string): void {
    this.audited.set(action, (this.audited.get(action) ?? 0) + 1);
  }
}

class Client {
  constructor(
    private readonly url: string,
    private readonly ledger: Ledger,
  ) {}

  async call(method: string, path: string, token: string | null, body?: unknown): Promise<{ status: number; body: Json }> {
    const response = await fetch(this.url + path, {
      method,
      headers: {
        ...(body !== undefined ? { 'content-type': 'application/json' } : {}),
        ...(token ? { authorization: `Bearer ${token}` } : {}),
      },
      body: body !== undefined ? JSON.stringify(body) : undefined,
    });
    const text = await response.text();
    this.ledger.statuses.push(response.status);
    if (response.status >= 500) this.ledger.failures.push(`${method} ${path} → ${response.status} ${text}`);
    return { status: response.status, body: text ? JSON.parse(text) : {} };
  }

  async login(username: string, password: string): Promise<string> {
    const answer = await this.call('POST', '/login', null, { username, password });
    if (answer.status !== 200) throw new Error(`login ${username}: ${answer.status} ${JSON.stringify(answer.body)}`);
    this.ledger.count('login');
    return answer.body.token;
  }
}

interface Storm {
  /** How long the storm must last at least. */
  seconds: number;
  /** Rounds per writer (the default WRITE_RATE_LIMIT is 120 writes a minute per address). */
  perWriter: number;
  /** Pause between two writes of one writer. */
  pauseMs: number;
}

const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** Nine writers at once, each on its own route family; returns when all are done. */
async function storm(url: string, admin: string, ledger: Ledger, plan: Storm, tag: string): Promise<void> {
  const client = new Client(url, ledger);
  const loop = async (write: (i: number) => Promise<void>) => {
    for (let i = 0; i < plan.perWriter; i++) {
      await write(i);
      await pause(plan.pauseMs);
    }
  };

  const fleetWriter = (lane: number) =>
    loop(async (i) => {
      const name = `${tag}-f${lane}-${i}`;
      const added = await client.call('POST', '/fleet', admin, { name, base_url: `http://${name}.example.net:3000` });
      if (added.status !== 201) return;
      ledger.count('fleet.add');
      ledger.fleet.set(added.body.probe.id, name);
      if (i % 3 === 2) {
        const removed = await client.call('DELETE', `/fleet/${added.body.probe.id}`, admin);
        if (removed.status === 200) {
          ledger.count('fleet.remove');
          ledger.fleet.delete(added.body.probe.id);
          ledger.fleetRemoved.add(added.body.probe.id);
        }
      }
    });

  const thresholdsWriter = () =>
    loop(async (i) => {
      const body = { cpu: { warning: 40 + (i % 20), critical: 90 }, disk: { warning: 60, critical: 70 + (i % 20) } };
      const answer = await client.call('PUT', '/config/thresholds', admin, body);
      if (answer.status === 200) {
        ledger.count('thresholds.update');
        ledger.thresholds = body;
      }
    });

  const usersWriter = (lane: number) =>
    loop(async (i) => {
      const username = `${tag}.u${lane}.${i}`;
      const created = await client.call('POST', '/users', admin, { username, password: `Storm-Pass-${lane}-${i}-Zq`, role: 'technicien' });
      if (created.status !== 201) return;
      ledger.count('user.create');
      const user = { id: created.body.user.id, role: 'technicien', deleted: false };
      ledger.users.set(username, user);
      if (i % 2 === 1) {
        const demoted = await client.call('PUT', `/users/${user.id}`, admin, { role: 'viewer' });
        if (demoted.status === 200) {
          ledger.count('user.update');
          user.role = 'viewer';
        }
      }
      if (i % 3 === 2) {
        const deleted = await client.call('DELETE', `/users/${user.id}`, admin);
        if (deleted.status === 200) {
          ledger.count('user.delete');
          user.deleted = true;
        }
      }
    });

  const discordWriter = () =>
    loop(async (i) => {
      const body = { webhook_url: `https://discord.com/api/webhooks/${1000 + i}/${TOKEN}`, enabled: i % 2 === 0, notify_on: ['critical'] };
      const answer = await client.call('POST', '/config/discord', admin, body);
      if (answer.status === 200) {
        ledger.count('discord.update');
        ledger.discord = body;
      }
    });

  const logoutWriter = () =>
    loop(async () => {
      const token = await client.login('admin', ADMIN_PASSWORD);
      const answer = await client.call('POST', '/logout', token);
      if (answer.status === 200) {
        ledger.count('logout');
        ledger.revokedTokens.push(token);
      }
    });

  const passwordWriter = async () => {
    const username = `${tag}.pw`;
    const first = `Rotate-First-Pass-${tag}`;
    const created = await client.call('POST', '/users', admin, { username, password: first, role: 'viewer' });
    expect(created.status).toBe(201);
    ledger.count('user.create');
    ledger.users.set(username, { id: created.body.user.id, role: 'viewer', deleted: false });
    let current = first;
    const token = await client.login(username, current);
    await loop(async (i) => {
      const next = `Rotate-Pass-${tag}-${i}-Kx`;
      const answer = await client.call('POST', '/change-password', token, { current_password: current, new_password: next, confirm_password: next });
      if (answer.status === 200) {
        ledger.count('password.change');
        current = next;
        ledger.password = next;
      }
    });
  };

  const commandWriter = () =>
    loop(async () => {
      const answer = await client.call('POST', '/commands/quick', admin, {});
      if (answer.status === 200) ledger.count('command.run');
    });

  await Promise.all([
    fleetWriter(1),
    fleetWriter(2),
    thresholdsWriter(),
    usersWriter(1),
    usersWriter(2),
    discordWriter(),
    logoutWriter(),
    passwordWriter(),
    commandWriter(),
  ]);
}

/** What must hold after the restart: read over HTTP from the new process, and from the file. */
async function expectEverythingKept(server: BuiltServer, ledger: Ledger, tag: string): Promise<void> {
  const client = new Client(server.url, new Ledger());
  const admin = await client.login('admin', ADMIN_PASSWORD);

  const fleet = await client.call('GET', '/fleet', admin);
  const ids = new Set(fleet.body.probes.map((probe: Json) => probe.id));
  expect([...ledger.fleet.keys()].filter((id) => !ids.has(id))).toEqual([]);
  expect([...ledger.fleetRemoved].filter((id) => ids.has(id))).toEqual([]);

  const users = await client.call('GET', '/users', admin);
  const stored = new Map<string, Json>(users.body.users.map((user: Json) => [user.username, user]));
  for (const [username, user] of ledger.users) {
    if (user.deleted) expect({ username, stored: stored.has(username) }).toEqual({ username, stored: false });
    else expect({ username, role: stored.get(username)?.role }).toEqual({ username, role: user.role });
  }

  const thresholds = await client.call('GET', '/config/thresholds', admin);
  expect(thresholds.status).toBe(200);
  const { cpu, disk } = thresholds.body.thresholds;
  expect({ cpu, disk }).toMatchObject(ledger.thresholds!);

  const discord = await client.call('GET', '/config/discord', admin);
  expect({ enabled: discord.body.enabled, url: discord.body.webhook_url?.slice(0, 40) }).toEqual({
    enabled: ledger.discord!.enabled,
    url: ledger.discord!.webhook_url.slice(0, 40),
  });

  for (const token of ledger.revokedTokens) expect((await client.call('GET', '/me', token)).status).toBe(401);
  expect(await client.login(`${tag}.pw`, ledger.password!)).toEqual(expect.any(String));

  const rows = await query(server.database, "SELECT action, COUNT(*) AS n FROM audit_log WHERE outcome = 'success' GROUP BY action");
  const audited = Object.fromEntries(rows.map((row) => [row.action, row.n]));
  // The two logins of this check (admin, and the rotated password) are two more.
  const expected = Object.fromEntries([...ledger.audited].map(([action, n]) => [action, action === 'login' ? n + 2 : n]));
  expect(audited).toEqual(expected);
}

describe('durable writes (e2e, real processes, same SQLite file)', () => {
  const dir = mkdtempSync(join(tmpdir(), 'hc-durable-'));
  let dist: string;
  let commands: string;
  const servers: BuiltServer[] = [];

  beforeAll(() => {
    dist = compiledServer();
    commands = join(dir, 'commands.json');
    writeFileSync(commands, JSON.stringify({ commands: [{ name: 'quick', description: 'returns at once', argv: ['true'] }] }));
  }, 120000);

  afterAll(() => {
    for (const server of servers) if (server.child.exitCode === null) server.child.kill('SIGKILL');
    rmSync(dir, { recursive: true, force: true });
  });

  const start = async (database: string, env: Record<string, string> = {}) => {
    const server = await BuiltServer.start(
      dir,
      dist,
      { ADMIN_PASSWORD, COMMANDS_FILE: commands, LOG_LEVEL: 'warn', ALERTS_CRON: '0 0 1 1 *', MONITORED_SERVICES: 'hc-absent', ...env },
      database,
    );
    servers.push(server);
    return server;
  };

  const run = async (tag: string, signal: NodeJS.Signals, plan: Storm, env: Record<string, string> = {}) => {
    const database = join(dir, `${tag}.sqlite`);
    const first = await start(database, env);
    const ledger = new Ledger();
    const admin = await new Client(first.url, ledger).login('admin', ADMIN_PASSWORD);
    const began = Date.now();
    await storm(first.url, admin, ledger, plan, tag);
    const lasted = Date.now() - began;
    expect(await first.stop(signal)).toBe(signal === 'SIGTERM' ? 0 : null);

    expect(ledger.failures).toEqual([]);
    expect(lasted).toBeGreaterThanOrEqual(plan.seconds * 1000);
    const output = first.output;
    expect(output).not.toMatch(/transaction within a transaction|no transaction is active|TransactionNotStarted|"statusCode":5\d\d/);

    const second = await start(database, env);
    await expectEverythingKept(second, ledger, tag);
    await second.stop();
    return ledger;
  };

    // About 95 writes in over 3 s (8 rounds x 400 ms), like the report of issue 15: under the limit.
  const DEFAULT_LIMIT: Storm = { seconds: 3, perWriter: 8, pauseMs: 400 };

  it('nine clients writing for 3 s under the default limits, then SIGTERM: every acknowledged write is in the file', async () => {
    const ledger = await run('term', 'SIGTERM', DEFAULT_LIMIT);
    expect(ledger.statuses.filter((status) => status >= 200 && status < 300).length).toBeGreaterThanOrEqual(70);
    expect(ledger.statuses.filter((status) => status === 429)).toEqual([]);
  }, 120000);

  it('the same, then SIGKILL: a committed transaction survives a killed process (WAL)', async () => {
    const ledger = await run('kill', 'SIGKILL', DEFAULT_LIMIT);
    expect(ledger.statuses.filter((status) => status >= 200 && status < 300).length).toBeGreaterThanOrEqual(70);
  }, 120000);

  it('with the write limit lifted, a few hundred concurrent writes: the same', async () => {
    const ledger = await run('many', 'SIGKILL', { seconds: 3, perWriter: 40, pauseMs: 0 }, { WRITE_RATE_LIMIT: '100000', LOGIN_RATE_LIMIT: '100000' });
    expect(ledger.statuses.filter((status) => status >= 200 && status < 300).length).toBeGreaterThanOrEqual(300);
  }, 180000);
});
