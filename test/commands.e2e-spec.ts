import { existsSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { resolveExecutable } from '../src/commands/command-catalog';
import { expectError, ISO_SECONDS, TestApp } from './support/test-app';

/** A test allow-list: a slow command, a loud one, a failing one, and a service parameter. */
function testCommandsFile(): string {
  const file = join(mkdtempSync(join(tmpdir(), 'hc-commands-')), 'commands.json');
  const node = process.execPath;
  writeFileSync(
    file,
    JSON.stringify({
      commands: [
        { name: 'uptime', description: 'uptime', argv: ['uptime'] },
        { name: 'sleep', description: 'sleeps 30 s', argv: ['sleep', '30'] },
        { name: 'nap', description: 'sleeps 2 s', argv: ['sleep', '2'] },
        { name: 'loud', description: '100 000 bytes', argv: [node, '-e', "process.stdout.write('x'.repeat(100000))"] },
        { name: 'fails', description: 'exits 3', argv: [node, '-e', "process.stderr.write('bad'); process.exit(3)"] },
        { name: 'echo-service', description: 'echoes a service', argv: ['echo', 'service:', '{service}'], service_param: true },
        { name: 'whoami', description: 'user and group ids', argv: ['id', '-u'] },
      ],
    }),
  );
  return file;
}

describe('commands (e2e)', () => {
  let api: TestApp;
  let admin: string;
  let tech: string;
  let viewer: string;

  beforeAll(async () => {
    api = await TestApp.start({
      COMMANDS_FILE: testCommandsFile(),
      COMMAND_TIMEOUT_SECONDS: '1',
      // hc-absent is a unit no machine has: the restart test never restarts a real service.
      MONITORED_SERVICES: 'nginx,redis,hc-absent',
    });
    admin = await api.adminToken();
    tech = await api.userToken('tech1', 'technicien', admin);
    viewer = await api.userToken('viewer1', 'viewer', admin);
  });

  afterAll(() => api.close());

  it('lists the allow-list for a technicien', async () => {
    const answer = await api.get('/commands', { token: tech });
    expect(answer.status).toBe(200);
    expect(answer.body.checked_at).toMatch(ISO_SECONDS);
    expect(answer.body.total).toBe(7);
    expect(answer.body.commands[0]).toEqual({ name: 'uptime', description: 'uptime', service_param: false });
    expect(answer.body.commands.find((c: any) => c.name === 'echo-service')).toEqual({
      name: 'echo-service',
      description: 'echoes a service',
      service_param: true,
      services: ['nginx', 'redis', 'hc-absent'],
    });
  });

  it('runs an allowed command', async () => {
    const answer = await api.post('/commands/uptime', undefined, { token: tech });
    expect(answer.status).toBe(200);
    expect(answer.body).toEqual({
      checked_at: expect.stringMatching(ISO_SECONDS),
      command: 'uptime',
      exit_code: 0,
      stdout: expect.stringMatching(/load average/),
      stderr: '',
      duration_ms: expect.any(Number),
      truncated: false,
      timed_out: false,
    });
  });

  it("runs as the probe's own user", async () => {
    const answer = await api.post('/commands/whoami', {}, { token: tech });
    expect(answer.status).toBe(200);
    expect(answer.body.stdout).toBe(`${process.getuid!()}\n`);
  });

  it('reports a failing command as it is (exit code and stderr)', async () => {
    const answer = await api.post('/commands/fails', {}, { token: admin });
    expect(answer.status).toBe(200);
    expect(answer.body).toEqual(expect.objectContaining({ exit_code: 3, stderr: 'bad', stdout: '' }));
  });

  it('answers 404 for a name outside the allow-list, including path tricks', async () => {
    expectError(await api.post('/commands/rm', {}, { token: tech }), 404, 'Commande introuvable');
    expectError(await api.post('/commands/..%2F..%2Fbin%2Fsh', {}, { token: tech }), 404);
    expectError(await api.post('/commands/uptime%3Bid', {}, { token: tech }), 404, 'Commande introuvable');
  });

  it('needs the execute permission', async () => {
    expectError(await api.get('/commands'), 401);
    expectError(await api.post('/commands/uptime'), 401);
    expectError(await api.get('/commands', { token: viewer }), 403, 'Accès refusé');
    expectError(await api.post('/commands/uptime', {}, { token: viewer }), 403, 'Accès refusé');
    expectError(await api.post('/services/nginx/restart', undefined, { token: viewer }), 403, 'Accès refusé');
  });

  it('kills a command after COMMAND_TIMEOUT_SECONDS', async () => {
    const started = Date.now();
    const answer = await api.post('/commands/sleep', {}, { token: tech });
    expect(Date.now() - started).toBeLessThan(4000);
    expect(answer.status).toBe(200);
    expect(answer.body).toEqual(expect.objectContaining({ command: 'sleep', exit_code: null, timed_out: true }));
    expect(answer.body.duration_ms).toBeGreaterThanOrEqual(900);
  });

  it('caps output at 64 KiB per stream and says so', async () => {
    const answer = await api.post('/commands/loud', {}, { token: tech });
    expect(answer.status).toBe(200);
    expect(answer.body.stdout).toHaveLength(64 * 1024);
    expect(answer.body.truncated).toBe(true);
    expect(answer.body.exit_code).toBe(0);
  });

  it('runs at most two at once: the third answers 429 with Retry-After', async () => {
    const answers = await Promise.all([
      api.post('/commands/nap', {}, { token: tech }),
      api.post('/commands/nap', {}, { token: tech }),
      // Sent once both naps have surely started, even on a loaded machine, and well before they end.
      new Promise((resolve) => setTimeout(resolve, 800)).then(() => api.post('/commands/uptime', {}, { token: tech })),
    ]);
    expect(answers.map((a) => a.status)).toEqual([200, 200, 429]);
    expectError(answers[2], 429, 'Trop de requêtes');
    expect(answers[2].headers.get('retry-after')).toBe('1');
    expect((await api.post('/commands/uptime', {}, { token: tech })).status).toBe(200);
  });

  it('takes a service only from MONITORED_SERVICES, only where declared', async () => {
    const ok = await api.post('/commands/echo-service', { service: 'redis' }, { token: tech });
    expect(ok.status).toBe(200);
    expect(ok.body).toEqual(expect.objectContaining({ service: 'redis', stdout: 'service: redis\n' }));
    expectError(await api.post('/commands/echo-service', {}, { token: tech }), 400, 'Requête invalide');
    for (const service of ['mysql', '--help', 'nginx;id', '../nginx', 'ngin x']) {
      expectError(await api.post('/commands/echo-service', { service }, { token: tech }), 400, 'Requête invalide');
    }
    expectError(await api.post('/commands/echo-service', { service: 42 }, { token: tech }), 400);
    expectError(await api.post('/commands/uptime', { service: 'nginx' }, { token: tech }), 400);
    expectError(await api.post('/commands/uptime', { argv: ['id'] }, { token: tech }), 400);
  });

  it('restart: 404 outside MONITORED_SERVICES, 501 without systemd', async () => {
    const missing = expectError(await api.post('/services/mysql/restart', undefined, { token: tech }), 404, 'Service introuvable');
    expect(missing.message).toMatch(/MONITORED_SERVICES \(nginx, redis, hc-absent\)/);
    expectError(await api.post('/services/..%2Fnginx/restart', undefined, { token: tech }), 404, 'Service introuvable');
    const answer = await api.post('/services/hc-absent/restart', undefined, { token: tech });
    if (resolveExecutable('systemctl') && existsSync('/run/systemd/system')) {
      // systemd runs this machine: systemctl's own refusal (no such unit, or not allowed) comes back as is.
      expect(answer.status).toBe(200);
      expect(answer.body).toEqual(expect.objectContaining({ command: 'service-restart', service: 'hc-absent', exit_code: expect.any(Number) }));
      expect(answer.body.exit_code).not.toBe(0);
    } else {
      const unsupported = expectError(answer, 501, 'Non implémenté');
      expect(unsupported.message).toMatch(/systemd|systemctl/);
    }
  });

  it('writes a command.run entry per run, with the actor and the outcome', async () => {
    const answer = await api.get('/audit?action=command.run&limit=500', { token: admin });
    expect(answer.status).toBe(200);
    const entries = answer.body.entries;
    const uptime = entries.find((e: any) => e.target === 'uptime' && e.outcome === 'success');
    expect(uptime).toEqual(
      expect.objectContaining({ username: 'tech1', user_id: expect.any(Number), source_ip: '127.0.0.1', action: 'command.run' }),
    );
    expect(entries.find((e: any) => e.target === 'fails')).toEqual(
      expect.objectContaining({ username: 'admin', outcome: 'failure', details: expect.objectContaining({ exit_code: 3 }) }),
    );
    expect(entries.find((e: any) => e.target === 'rm')).toEqual(
      expect.objectContaining({ outcome: 'failure', details: expect.objectContaining({ status: 404 }) }),
    );
    const restarts = await api.get('/audit?action=service.restart', { token: admin });
    expect(restarts.body.entries.map((e: any) => [e.target, e.outcome])).toEqual(
      expect.arrayContaining([
        ['hc-absent', 'failure'],
        ['mysql', 'failure'],
      ]),
    );
  });
});

describe('the shipped allow-list (config/commands.json)', () => {
  let api: TestApp;
  let tech: string;

  beforeAll(async () => {
    api = await TestApp.start({ MONITORED_SERVICES: 'nginx,redis' });
    tech = await api.userToken('tech.default', 'technicien', await api.adminToken());
  });
  afterAll(() => api.close());

  const installed = (program: string) => resolveExecutable(program) !== null;
  const DEFAULTS: Array<[name: string, program: string, output: RegExp]> = [
    ['uptime', 'uptime', /load average/],
    ['disk-usage', 'df', /^Filesystem\s+Size\s+Used\s+Avail/],
    ['memory', 'free', /^\s+total\s+used\s+free[\s\S]*\nMem:/],
    ['top-processes', 'ps', /^\s*PID\s+USER\s+COMMAND\s+%CPU\s+%MEM\n/],
    ['socket-summary', 'ss', /^Total: \d+/],
  ];

  it('lists the read-only diagnostics, and systemctl status only where systemctl exists', async () => {
    const answer = await api.get('/commands', { token: tech });
    expect(answer.status).toBe(200);
    const expected = [...DEFAULTS.filter(([, program]) => installed(program)).map(([name]) => name)];
    if (installed('systemctl')) expected.push('service-status');
    expect(answer.body.commands.map((c: any) => c.name)).toEqual(expected);
    const status = answer.body.commands.find((c: any) => c.name === 'service-status');
    if (status) expect(status).toEqual(expect.objectContaining({ service_param: true, services: ['nginx', 'redis'] }));
  });

  it.each(DEFAULTS)('runs %s (%s)', async (name, program, output) => {
    if (!installed(program)) return;
    const answer = await api.post(`/commands/${name}`, undefined, { token: tech });
    expect(answer.status).toBe(200);
    expect(answer.body).toEqual(expect.objectContaining({ command: name, exit_code: 0, truncated: false, timed_out: false }));
    expect(answer.body.stdout).toMatch(output);
    if (name === 'top-processes') expect(answer.body.stdout.trimEnd().split('\n').length).toBeLessThanOrEqual(16);
  });

  it('runs systemctl status for a monitored service only', async () => {
    if (!installed('systemctl')) return;
    const answer = await api.post('/commands/service-status', { service: 'nginx' }, { token: tech });
    expect(answer.status).toBe(200);
    // Without systemd (a container) systemctl answers an error: it is returned as is.
    expect(answer.body).toEqual(expect.objectContaining({ command: 'service-status', service: 'nginx', exit_code: expect.any(Number) }));
    expectError(await api.post('/commands/service-status', { service: 'sshd' }, { token: tech }), 400);
  });
});

describe('commands file at start', () => {
  it('stops the start with a message naming COMMANDS_FILE', async () => {
    const file = join(mkdtempSync(join(tmpdir(), 'hc-commands-')), 'bad.json');
    writeFileSync(file, '{"commands": [{"name": "x", "description": "y", "argv": "uptime"}]}');
    await expect(TestApp.start({ COMMANDS_FILE: file })).rejects.toThrow(`COMMANDS_FILE=${file}: commands[0].argv must be`);
  });
});
