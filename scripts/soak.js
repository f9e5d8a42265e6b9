#!/usr/bin/env node
// Soak test (not part of `npm test`): compiles the server into a temporary folder (dist/ is left
// alone), starts it on a temporary database, then sends 60 s of mixed traffic at 50 connections
// with autocannon: metric reads, logins, user creation and deletion, threshold changes. The rate
// limits are raised for the run (all traffic comes from 127.0.0.1, one "client" for the limiter).
// Passes when no request failed and the resident memory grew by at most 20 %.
//   npm run soak                 SOAK_SECONDS=20 SOAK_CONNECTIONS=20 npm run soak
const { execFileSync, spawn } = require('node:child_process');
const { mkdtempSync, readFileSync, rmSync, symlinkSync } = require('node:fs');
const { tmpdir } = require('node:os');
const { join } = require('node:path');
const autocannon = require('autocannon');
const { freePort, stop, waitFor200 } = require('./lib/server-process');

const root = join(__dirname, '..');
const SECONDS = Number(process.env.SOAK_SECONDS ?? 60);
const CONNECTIONS = Number(process.env.SOAK_CONNECTIONS ?? 50);
const ADMIN_PASSWORD = 'Soak-Root-Pass-1';
const MAX_GROWTH = 0.2;

const rssMiB = (pid) => {
  const line = readFileSync(`/proc/${pid}/status`, 'utf8').split('\n').find((l) => l.startsWith('VmRSS:'));
  return Number(line.replace(/\D+/g, '')) / 1024;
};

function run(options) {
  return new Promise((resolve, reject) => autocannon(options, (error, result) => (error ? reject(error) : resolve(result))));
}

async function main() {
  const dir = mkdtempSync(join(tmpdir(), 'healthcheck-soak-'));
  process.stdout.write('Compiling the server into a temporary folder...\n');
  execFileSync(process.execPath, [require.resolve('typescript/bin/tsc'), '-p', join(root, 'tsconfig.build.json'), '--outDir', join(dir, 'dist'), '--incremental', 'false'], { cwd: root, stdio: 'inherit' });
  symlinkSync(join(root, 'node_modules'), join(dir, 'node_modules'));
  const port = await freePort();
  const url = `http://127.0.0.1:${port}`;
  const child = spawn(process.execPath, [join(dir, 'dist', 'main.js')], {
    cwd: root,
    env: {
      ...process.env,
      NODE_ENV: 'production',
      PORT: String(port),
      HOST: '127.0.0.1',
      DATABASE_PATH: join(dir, 'healthcheck.sqlite'),
      ADMIN_PASSWORD,
      COMMANDS_FILE: join(root, 'config', 'commands.json'),
      LOG_LEVEL: 'warn',
      LOGIN_RATE_LIMIT: '100000',
      WRITE_RATE_LIMIT: '100000',
    },
    stdio: ['ignore', 'inherit', 'inherit'],
  });
  let failed = true;
  try {
    await waitFor200(`${url}/health`, Date.now(), child);
    const login = await (await fetch(`${url}/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ username: 'admin', password: ADMIN_PASSWORD }) })).json();
    const read = { authorization: `Bearer ${login.token}` };
    const auth = { ...read, 'content-type': 'application/json' };
    let counter = 0;
    const requests = [
      { method: 'GET', path: '/cpu', headers: read },
      { method: 'GET', path: '/system', headers: read },
      { method: 'GET', path: '/alerts', headers: read },
      { method: 'GET', path: '/processes/top?limit=5', headers: read },
      { method: 'POST', path: '/login', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ username: 'admin', password: ADMIN_PASSWORD }) },
      {
        method: 'POST',
        path: '/users',
        headers: auth,
        setupRequest: (request, context) => {
          context.username = `soak.${process.pid}.${counter++}`;
          return { ...request, body: JSON.stringify({ username: context.username, password: 'Soak-User-Pass-1', role: 'viewer' }) };
        },
        onResponse: (status, body, context) => {
          try {
            context.userId = JSON.parse(body).user.id;
          } catch {
            context.userId = 0;
          }
        },
      },
      { method: 'GET', path: '/memory', headers: read },
      { method: 'DELETE', headers: read, setupRequest: (request, context) => ({ ...request, path: `/users/${context.userId}` }) },
      {
        method: 'PUT',
        path: '/config/thresholds',
        headers: auth,
        setupRequest: (request) => {
          const warning = 60 + (counter++ % 20);
          return { ...request, body: JSON.stringify({ cpu: { warning, critical: warning + 10 } }) };
        },
      },
      { method: 'GET', path: '/config/thresholds', headers: read },
    ];
    const refused = {};
    for (const request of requests) {
      const inner = request.onResponse;
      request.onResponse = (status, body, context) => {
        if (status >= 300) {
          const key = `${request.method} ${request.path ?? '/users/:id'} → ${status}`;
          refused[key] = (refused[key] ?? 0) + 1;
        }
        if (inner) inner(status, body, context);
      };
    }
    // Same concurrency as the run: argon2's buffers and the allocator settle before "before" is read.
    process.stdout.write(`Warming up for 10 s...\n`);
    await run({ url, connections: CONNECTIONS, duration: 10, requests });
    for (const key of Object.keys(refused)) delete refused[key];
    const before = rssMiB(child.pid);
    process.stdout.write(`Soak: ${SECONDS} s at ${CONNECTIONS} connections, RSS before ${before.toFixed(1)} MiB\n`);
    const result = await run({ url, connections: CONNECTIONS, duration: SECONDS, requests, timeout: 30 });
    await new Promise((resolve) => setTimeout(resolve, 2000));
    const after = rssMiB(child.pid);
    const growth = (after - before) / before;
    const errors = result.errors + result.timeouts + result.non2xx;
    process.stdout.write(
      [
        `requests: ${result.requests.total} (${result.requests.average.toFixed(0)}/s), latency p50 ${result.latency.p50} ms, p99 ${result.latency.p99} ms`,
        `errors: ${errors} (connection errors ${result.errors}, timeouts ${result.timeouts}, non-2xx ${result.non2xx})`,
        ...Object.entries(refused).map(([key, count]) => `  ${key}: ${count}`),
        `RSS: ${before.toFixed(1)} MiB → ${after.toFixed(1)} MiB (${(growth * 100).toFixed(1)} %, limit ${MAX_GROWTH * 100} %)`,
      ].join('\n') + '\n',
    );
    failed = errors > 0 || growth > MAX_GROWTH;
    process.stdout.write(failed ? 'SOAK FAILED\n' : 'SOAK PASSED\n');
  } catch (error) {
    process.stderr.write(`Soak failed: ${error instanceof Error ? error.message : String(error)}\n`);
  } finally {
    await stop(child);
    rmSync(dir, { recursive: true, force: true });
  }
  process.exit(failed ? 1 : 0);
}

main();
