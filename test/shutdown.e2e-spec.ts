import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { BuiltServer, compiledServer, post, query } from './support/built-server';

const ADMIN_PASSWORD = 'Shutdown-Root-1';

const login = async (server: BuiltServer): Promise<string> =>
  ((await (await post(`${server.url}/login`, { username: 'admin', password: ADMIN_PASSWORD })).json()) as { token: string }).token;

describe('built server', () => {
  const dir = mkdtempSync(join(tmpdir(), 'hc-shutdown-'));
  let dist: string;
  let commands: string;
  const servers: BuiltServer[] = [];

  beforeAll(() => {
    dist = compiledServer();
    commands = join(dir, 'commands.json');
    writeFileSync(commands, JSON.stringify({ commands: [{ name: 'nap', description: 'sleeps 1.5 s', argv: ['sleep', '1.5'] }] }));
  }, 90000);

  afterAll(() => {
    for (const server of servers) if (server.child.exitCode === null) server.child.kill('SIGKILL');
    rmSync(dir, { recursive: true, force: true });
  });

  const start = async (env: Record<string, string>) => {
    const server = await BuiltServer.start(dir, dist, { COMMANDS_FILE: commands, ADMIN_PASSWORD, ...env });
    servers.push(server);
    return server;
  };

  it('SIGTERM: finishes the request in flight, keeps what it answered as saved, and exits 0', async () => {
    const server = await start({ LOG_LEVEL: 'warn' });
    const token = await login(server);
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

  it('starts in a few lines at the default level, naming the bind address, and no warning once ADMIN_PASSWORD was set', async () => {
    // This copy is compiled without the dashboard: its "not built" warning is not the point here.
    const server = await start({ DASHBOARD_ENABLED: 'false' });
    expect(await server.stop()).toBe(0);
    const startUp = server.lines().filter((line) => line.msg !== 'SIGTERM received, finishing requests in flight');
    expect(startUp.filter((line) => line.notJson !== undefined)).toEqual([]);
    // Nest's module and route mapping (about 75 lines) is at debug.
    expect(startUp.length).toBeLessThanOrEqual(10);
    expect(startUp.filter((line) => ['InstanceLoader', 'RoutesResolver', 'RouterExplorer', 'NestFactory'].includes(line.context))).toEqual([]);
    expect(startUp).toContainEqual(expect.objectContaining({ level: 30, context: 'HealthCheck', msg: `listening on ${server.url} (docs at /docs)` }));
    expect(startUp.filter((line) => line.level >= 40)).toEqual([]);
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
        // At debug, the module and route mapping is there.
        expect.objectContaining({ level: 20, context: 'RouterExplorer', msg: expect.stringContaining('/health') }),
      ]),
    );
    expect(server.output).not.toContain('Not-The-Password-7');
    expect(server.output).not.toContain(ADMIN_PASSWORD);
  }, 30000);
});
