#!/usr/bin/env node
// Where the time of one request goes: boots the built app in this process (production settings,
// temporary database, PUBLIC_METRICS or a viewer token), loads one route with autocannon from a
// child process, records a V8 CPU profile of the server meanwhile, and prints the server's CPU time
// per request and the self time grouped by package and by function.
// Usage: node bench/profile.js [--dist DIR] [--route /system] [--duration 5] [--out FILE.cpuprofile]
const { spawn } = require('node:child_process');
const { mkdtempSync, rmSync, writeFileSync } = require('node:fs');
const { Session } = require('node:inspector');
const { tmpdir } = require('node:os');
const { join, resolve } = require('node:path');

const args = process.argv.slice(2);
const option = (name, fallback) => {
  const index = args.indexOf(name);
  return index >= 0 ? args[index + 1] : fallback;
};
const dist = resolve(option('--dist', join(__dirname, '..', 'dist')));
const route = option('--route', '/system');
const duration = Number(option('--duration', '5'));
const out = option('--out', null);

function post(session, method, params = {}) {
  return new Promise((done, fail) => session.post(method, params, (error, result) => (error ? fail(error) : done(result))));
}

function load(url, token) {
  // autocannon in a child process, so that its own work stays out of this profile.
  const script = `require(${JSON.stringify(require.resolve('autocannon'))})({url:${JSON.stringify(url)},connections:50,duration:${duration},headers:${JSON.stringify(token ? { authorization: `Bearer ${token}` } : {})}},(e,r)=>{process.stdout.write(JSON.stringify({requests:r.requests.total,rps:r.requests.average,p99:r.latency.p99,non2xx:r.non2xx,errors:r.errors}))})`;
  return new Promise((done, fail) => {
    const child = spawn(process.execPath, ['-e', script], { stdio: ['ignore', 'pipe', 'inherit'] });
    let text = '';
    child.stdout.on('data', (chunk) => (text += chunk));
    child.on('exit', (code) => (code === 0 ? done(JSON.parse(text)) : fail(new Error(`autocannon exited ${code}`))));
  });
}

async function viewerToken(base) {
  const call = async (path, body, token) => {
    const response = await fetch(base + path, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
      body: JSON.stringify(body),
    });
    return { status: response.status, body: await response.json().catch(() => null) };
  };
  const admin = await call('/login', { username: 'admin', password: 'Profile-Root-1' });
  if (admin.status !== 200) return null;
  await call('/users', { username: 'prof.viewer', password: 'Prof-Initial-1', role: 'viewer' }, admin.body.token);
  const first = await call('/login', { username: 'prof.viewer', password: 'Prof-Initial-1' });
  await call('/change-password', { current_password: 'Prof-Initial-1', new_password: 'Prof-Final-22', confirm_password: 'Prof-Final-22' }, first.body.token);
  return (await call('/login', { username: 'prof.viewer', password: 'Prof-Final-22' })).body?.token ?? null;
}

async function main() {
  const dir = mkdtempSync(join(tmpdir(), 'healthcheck-profile-'));
  require(join(dist, '..', 'node_modules', 'reflect-metadata'));
  const { createApp } = require(join(dist, 'app.factory.js'));
  const { AppSettings } = require(join(dist, 'common', 'settings', 'app-settings.js'));
  const settings = AppSettings.fromEnv({
    NODE_ENV: 'production',
    DATABASE_PATH: join(dir, 'db.sqlite'),
    HOST: '127.0.0.1',
    PORT: '0',
    ADMIN_PASSWORD: 'Profile-Root-1',
    LOG_LEVEL: 'warn',
    COMMANDS_FILE: join(__dirname, '..', 'config', 'commands.json'),
  });
  const app = await createApp(settings);
  await app.listen(0, '127.0.0.1');
  const base = `http://127.0.0.1:${app.getHttpServer().address().port}`;
  const token = await viewerToken(base);
  await load(base + route, token); // warm-up: JIT and caches
  const session = new Session();
  session.connect();
  await post(session, 'Profiler.enable');
  await post(session, 'Profiler.setSamplingInterval', { interval: 100 });
  await post(session, 'Profiler.start');
  const cpuBefore = process.cpuUsage();
  const result = await load(base + route, token);
  const cpu = process.cpuUsage(cpuBefore);
  const { profile } = await post(session, 'Profiler.stop');
  session.disconnect();
  await app.close();
  rmSync(dir, { recursive: true, force: true });
  if (out) writeFileSync(out, JSON.stringify(profile));

  // Self time per node, grouped.
  const dt = new Map();
  for (let i = 0; i < profile.samples.length; i += 1) dt.set(profile.samples[i], (dt.get(profile.samples[i]) ?? 0) + (profile.timeDeltas[i] ?? 0));
  const byPackage = new Map();
  const byFunction = new Map();
  let total = 0;
  for (const node of profile.nodes) {
    const time = dt.get(node.id) ?? 0;
    total += time;
    const url = node.callFrame.url || '';
    const name = node.callFrame.functionName || '(anonymous)';
    let where = url.includes('node_modules/')
      ? url.split('node_modules/').pop().split('/').slice(0, url.split('node_modules/').pop().startsWith('@') ? 2 : 1).join('/')
      : url.startsWith('node:')
        ? 'node core'
        : url.includes('/dist/')
          ? 'healthcheck (dist)'
          : url === ''
            ? name.startsWith('(') ? name : 'native/V8'
            : url;
    if (name === '(idle)') where = '(idle)';
    byPackage.set(where, (byPackage.get(where) ?? 0) + time);
    const key = `${name} ${url.split('/').slice(-2).join('/')}:${node.callFrame.lineNumber + 1}`;
    byFunction.set(key, (byFunction.get(key) ?? 0) + time);
  }
  const busy = total - (byPackage.get('(idle)') ?? 0);
  const stages = byStage(profile, dt);
  const lines = [
    `route ${route}: ${Math.round(result.rps)} req/s, p99 ${result.p99} ms, ${result.requests} requests, non-2xx ${result.non2xx}; token: ${token ? 'viewer' : 'none'}`,
    `server CPU: ${(((cpu.user + cpu.system) / result.requests)).toFixed(1)} µs per request (user ${(cpu.user / result.requests).toFixed(1)}, system ${(cpu.system / result.requests).toFixed(1)})`,
    '',
    'where the time of one request goes (busy samples, by stage):',
    ...stages.map(([stage, time]) => `  ${((time / busy) * 100).toFixed(1).padStart(5)} %  ${stage}`),
    '',
    'self time of the busy samples, by package:',
    ...[...byPackage.entries()]
      .filter(([where]) => where !== '(idle)')
      .sort((a, b) => b[1] - a[1])
      .slice(0, 15)
      .map(([where, time]) => `  ${((time / busy) * 100).toFixed(1).padStart(5)} %  ${where}`),
    '',
    'top functions (self time):',
    ...[...byFunction.entries()]
      .sort((a, b) => b[1] - a[1])
      .filter(([key]) => !key.startsWith('(idle)'))
      .slice(0, 25)
      .map(([key, time]) => `  ${((time / busy) * 100).toFixed(1).padStart(5)} %  ${key}`),
  ];
  process.stdout.write(lines.join('\n') + '\n');
}

/**
 * The stages of a request. A sample goes to the stage of the innermost frame of its stack that one
 * of these tests claims (Fastify's `reply.header` is see-through, so headers set by a hook count for
 * that hook); a stack none of them claims counts as Node's own machinery.
 */
const STAGES = [
  ['kernel: socket write (loopback TCP send and delivery)', (f) => /^(writev|writeUtf8String|writeLatin1String|writeBuffer)$/.test(f.functionName) && f.url === ''],
  ['garbage collection', (f) => f.functionName === '(garbage collector)'],
  ['security headers and request id (onRequest hooks)', (f) => /security-headers\.js/.test(f.url) || f.functionName === 'genReqId' || (/http-hardening\.js/.test(f.url) && f.lineNumber < 50)],
  ['auth guard (token cache, session and role view)', (f) => /auth\.guard|token-cache|auth-state\.service/.test(f.url)],
  ['handler and answer cache', (f) => /(metrics|alerts|health|history|prometheus)\.(service|controller)\.js/.test(f.url)],
  ['serialization (fast-json-stringify)', (f) => /fast-json-stringify/.test(f.url)],
  ['logging (pino child logger per request)', (f) => /node_modules\/pino\//.test(f.url)],
  ['Node HTTP: request parsing', (f) => f.functionName === 'parserOnHeadersComplete' || /_http_incoming/.test(f.url)],
  ['Node HTTP: writing the response (headers, end)', (f) => /_http_outgoing/.test(f.url) || (f.functionName === 'writeHead' && /_http_server/.test(f.url))],
  ['NestJS: router, guards consumer, response controller', (f) => /@nestjs\//.test(f.url)],
  ['Fastify: routing, hooks, reply', (f) => /node_modules\/(fastify|find-my-way)\//.test(f.url) && !/^(Reply\.header|Reply\.headers)$/.test(f.functionName)],
];

function byStage(profile, dt) {
  const byId = new Map(profile.nodes.map((node) => [node.id, node]));
  const parent = new Map();
  for (const node of profile.nodes) for (const child of node.children ?? []) parent.set(child, node.id);
  const totals = new Map();
  for (const [id, time] of dt) {
    if (!byId.has(id) || byId.get(id).callFrame.functionName === '(idle)') continue;
    let stage = 'Node: sockets, streams, timers, event loop';
    walk: for (let at = id; at !== undefined; at = parent.get(at)) {
      const frame = byId.get(at).callFrame;
      for (const [name, test] of STAGES) {
        if (test(frame)) {
          stage = name;
          break walk;
        }
      }
    }
    totals.set(stage, (totals.get(stage) ?? 0) + time);
  }
  return [...totals.entries()].sort((a, b) => b[1] - a[1]);
}

main().catch((error) => {
  process.stderr.write(`${error.stack ?? error.message}\n`);
  process.exit(1);
});
