#!/usr/bin/env node
// Where the time of one request goes: boots the built app in this process (production settings, a
// temporary database, a viewer token), loads one route from another process (wrk when on PATH, else
// autocannon in a child process), records a V8 CPU profile of the server meanwhile, and prints the
// server's CPU time per request split by stage, in microseconds. Then the same for a bare NestJS +
// Fastify application answering the very same answer (bench/bare-nest.js), in the same process, so
// that the difference, stage by stage, is the project's own work.
// Usage: node bench/profile.js [--dist DIR] [--route /cpu] [--duration 5] [--no-compare]
//                              [--log-level info] [--out FILE.cpuprofile] [--functions 25] [--no-lean-heap]
const { spawn } = require('node:child_process');
const { mkdtempSync, rmSync, writeFileSync } = require('node:fs');
const { Session } = require('node:inspector');
const { tmpdir } = require('node:os');
const { join, resolve } = require('node:path');
const { loadGenerator } = require('./load-generator');

const args = process.argv.slice(2);
const option = (name, fallback) => {
  const index = args.indexOf(name);
  return index >= 0 ? args[index + 1] : fallback;
};
const dist = resolve(option('--dist', join(__dirname, '..', 'dist')));
const route = option('--route', '/cpu');
const duration = Number(option('--duration', '5'));
const out = option('--out', null);
const compare = !args.includes('--no-compare');
const logLevel = option('--log-level', 'info');
const topFunctions = Number(option('--functions', '25'));
const generator = loadGenerator(option('--loader', 'auto'));

function post(session, method, params = {}) {
  return new Promise((done, fail) => session.post(method, params, (error, result) => (error ? fail(error) : done(result))));
}

/** The load, always from another process: wrk is one; autocannon runs in a child Node. */
function load(url, headers, seconds) {
  if (!generator.name.startsWith('autocannon')) return generator.run(url, { connections: 50, duration: seconds, headers });
  const script = `require(${JSON.stringify(require.resolve('autocannon'))})({url:${JSON.stringify(url)},connections:50,duration:${seconds},headers:${JSON.stringify(headers)}},(e,r)=>{process.stdout.write(JSON.stringify({requests:r.requests.total,rps:r.requests.total/r.duration,p99:r.latency.p99,non2xx:r.non2xx,errors:r.errors+r.non2xx}))})`;
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

/** Warm-up, then a CPU profile and the process's CPU time while `url` is loaded. */
async function profileLoad(url, headers) {
  await load(url, headers, 2); // JIT and caches
  const session = new Session();
  session.connect();
  await post(session, 'Profiler.enable');
  await post(session, 'Profiler.setSamplingInterval', { interval: 100 });
  await post(session, 'Profiler.start');
  const cpuBefore = process.cpuUsage();
  const result = await load(url, headers, duration);
  const cpu = process.cpuUsage(cpuBefore);
  const { profile } = await post(session, 'Profiler.stop');
  session.disconnect();
  return { profile, result, usPerRequest: (cpu.user + cpu.system) / result.requests, cpu };
}

async function main() {
  const dir = mkdtempSync(join(tmpdir(), 'healthcheck-profile-'));
  // As dist/main.js starts: the lean heap's GC settings first (they also apply to the bare NestJS
  // run below, in this same process: the comparison is of the request path, not of heap settings).
  if (!args.includes('--no-lean-heap')) require(join(dist, 'common', 'runtime', 'lean-heap.js'));
  require(join(dist, '..', 'node_modules', 'reflect-metadata'));
  const { createApp } = require(join(dist, 'app.factory.js'));
  const { AppSettings } = require(join(dist, 'common', 'settings', 'app-settings.js'));
  const settings = AppSettings.fromEnv({
    NODE_ENV: 'production',
    DATABASE_PATH: join(dir, 'db.sqlite'),
    HOST: '127.0.0.1',
    PORT: '0',
    ADMIN_PASSWORD: 'Profile-Root-1',
    LOG_LEVEL: logLevel,
    COMMANDS_FILE: join(__dirname, '..', 'config', 'commands.json'),
  });
  // The app's log lines (start-up) are not this script's output.
  const write = process.stdout.write.bind(process.stdout);
  process.stdout.write = () => true;
  const app = await createApp(settings);
  await app.listen(0, '127.0.0.1');
  process.stdout.write = write;
  const base = `http://127.0.0.1:${app.getHttpServer().address().port}`;
  const token = route === '/health' ? null : await viewerToken(base);
  const headers = token ? { authorization: `Bearer ${token}` } : {};
  const answer = await fetch(base + route, { headers });
  const type = answer.headers.get('content-type') ?? '';
  const text = await answer.text();
  const runs = [{ name: `HealthCheck ${route}`, ...(await profileLoad(base + route, headers)) }];
  await app.close();
  rmSync(dir, { recursive: true, force: true });
  if (out) writeFileSync(out, JSON.stringify(runs[0].profile));

  if (compare) {
    const { createBareNest } = require('./bare-nest');
    const path = route.split('?')[0];
    const bare = await createBareNest({ [path]: type.includes('json') ? { type: 'json', body: JSON.parse(text) } : { type: 'text', contentType: type, body: text } });
    await bare.listen(0, '127.0.0.1');
    const bareBase = `http://127.0.0.1:${bare.getHttpServer().address().port}`;
    // The same request (Authorization header included) and the same answer.
    runs.push({ name: `bare NestJS, same answer`, ...(await profileLoad(bareBase + path, headers)) });
    await bare.close();
  }

  const lines = [`${generator.name}, 50 connections, ${duration} s; token: ${token ? 'viewer' : 'none'}; LOG_LEVEL=${logLevel}; ${Buffer.byteLength(text)} bytes of answer`];
  for (const run of runs) {
    const r = run.result;
    lines.push(`${run.name}: ${Math.round(r.rps)} req/s, p99 ${r.p99} ms, ${r.requests} requests, errors ${r.errors ?? r.non2xx}; server CPU ${run.usPerRequest.toFixed(1)} µs/request (user ${(run.cpu.user / r.requests).toFixed(1)}, system ${(run.cpu.system / r.requests).toFixed(1)})`);
  }
  // Stages in µs per request: the share of the busy samples times the CPU time per request.
  const staged = runs.map((run) => new Map(byStage(run.profile).map(([stage, share]) => [stage, share * run.usPerRequest])));
  const names = [...new Set(staged.flatMap((map) => [...map.keys()]))].sort((a, b) => (staged[0].get(b) ?? 0) - (staged[0].get(a) ?? 0));
  lines.push('', 'where the CPU time of one request goes (µs per request; the profiler adds its own share):');
  lines.push(`  ${'stage'.padEnd(66)} ${runs.map((run) => run.name.padStart(26)).join(' ')}${runs.length > 1 ? '   difference' : ''}`);
  for (const name of names) {
    const cells = staged.map((map) => (map.get(name) ?? 0).toFixed(2).padStart(26));
    const diff = runs.length > 1 ? `   ${((staged[0].get(name) ?? 0) - (staged[1].get(name) ?? 0)).toFixed(2).padStart(10)}` : '';
    lines.push(`  ${name.padEnd(66)} ${cells.join(' ')}${diff}`);
  }
  lines.push(`  ${'total'.padEnd(66)} ${runs.map((run) => run.usPerRequest.toFixed(2).padStart(26)).join(' ')}${runs.length > 1 ? `   ${(runs[0].usPerRequest - runs[1].usPerRequest).toFixed(2).padStart(10)}` : ''}`);
  const functions = runs.map((run) => new Map(topFunctionsOf(run.profile).map(([key, share]) => [key, share * run.usPerRequest])));
  const keys = [...functions[0].keys()].sort((a, b) => functions[0].get(b) - functions[0].get(a)).slice(0, topFunctions);
  lines.push('', `top functions of ${runs[0].name} (self time, µs per request)${runs.length > 1 ? `, and in ${runs[1].name}` : ''}:`);
  for (const key of keys) {
    const other = runs.length > 1 ? `${(functions[1].get(key) ?? 0).toFixed(2).padStart(8)}` : '';
    lines.push(`  ${functions[0].get(key).toFixed(2).padStart(6)}${other}  ${key}`);
  }
  process.stdout.write(lines.join('\n') + '\n');
}

/**
 * The stages of a request. A sample goes to the stage of the innermost frame of its stack that one
 * of these tests claims (Fastify's `reply.header` is see-through, so headers set by a hook count for
 * that hook); a stack none of them claims counts as Node's own machinery.
 */
const STAGES = [
  ['kernel: socket write (loopback TCP send and delivery to the client)', (f) => /^(writev|writeUtf8String|writeLatin1String|writeBuffer)$/.test(f.functionName) && f.url === ''],
  ['garbage collection', (f) => f.functionName === '(garbage collector)'],
  ['answer headers hook (security headers, request id, shutdown)', (f) => /security-headers\.js/.test(f.url)],
  ['request id (genReqId: UUID or the caller\'s)', (f) => f.functionName === 'genReqId'],
  ['auth guard (token cache, session and role, write gate)', (f) => /auth\.guard|token-cache|auth-state\.service|database-write\.gate/.test(f.url)],
  ['handler and answer cache', (f) => /(metrics|alerts|health|history|prometheus)\.(service|controller)\.js|cached-collector/.test(f.url)],
  ['serialization (fast-json-stringify or JSON.stringify)', (f) => /fast-json-stringify/.test(f.url) || (f.functionName === 'stringify' && f.url === '')],
  ['logging (per-request child logger)', (f) => /node_modules\/pino\/|lazy-request-loggers/.test(f.url)],
  ['Node HTTP: request parsing', (f) => f.functionName === 'parserOnHeadersComplete' || /_http_incoming/.test(f.url)],
  ['Node HTTP: writing the response (headers, end)', (f) => /_http_outgoing/.test(f.url) || (f.functionName === 'writeHead' && /_http_server/.test(f.url))],
  ['NestJS: guards consumer, execution context', (f) => /guards-consumer|execution-context-host/.test(f.url)],
  ['NestJS: router, response controller', (f) => /@nestjs\//.test(f.url)],
  ['Fastify: routing, hooks, reply', (f) => /node_modules\/(fastify|find-my-way|@fastify)\//.test(f.url) && !/^(Reply\.header|Reply\.headers)$/.test(f.functionName)],
];

/** Self time per sample node, the profiler's own work (inspector messages) left out. */
function selfTimes(profile) {
  const byId = new Map(profile.nodes.map((node) => [node.id, node]));
  const parent = new Map();
  for (const node of profile.nodes) for (const child of node.children ?? []) parent.set(child, node.id);
  const dt = new Map();
  for (let i = 0; i < profile.samples.length; i += 1) dt.set(profile.samples[i], (dt.get(profile.samples[i]) ?? 0) + (profile.timeDeltas[i] ?? 0));
  const ownWork = (id) => {
    for (let at = id; at !== undefined; at = parent.get(at)) if (/node:inspector|bench\/profile\.js/.test(byId.get(at).callFrame.url)) return true;
    return false;
  };
  for (const id of [...dt.keys()]) {
    const name = byId.get(id)?.callFrame.functionName;
    if (!byId.has(id) || name === '(idle)' || name === '(program)' || ownWork(id)) dt.delete(id);
  }
  return { byId, parent, dt, busy: [...dt.values()].reduce((a, b) => a + b, 0) };
}

function byStage(profile) {
  const { byId, parent, dt, busy } = selfTimes(profile);
  const totals = new Map();
  for (const [id, time] of dt) {
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
  return [...totals.entries()].map(([stage, time]) => [stage, time / busy]);
}

function topFunctionsOf(profile) {
  const { byId, dt, busy } = selfTimes(profile);
  const byFunction = new Map();
  for (const [id, time] of dt) {
    const frame = byId.get(id).callFrame;
    const key = `${frame.functionName || '(anonymous)'} ${frame.url.split('/').slice(-2).join('/')}:${frame.lineNumber + 1}`;
    byFunction.set(key, (byFunction.get(key) ?? 0) + time);
  }
  return [...byFunction.entries()].map(([key, time]) => [key, time / busy]).sort((a, b) => b[1] - a[1]);
}

main().catch((error) => {
  process.stderr.write(`${error.stack ?? error.message}\n`);
  process.exit(1);
});
