#!/usr/bin/env node
// `npm run bench`: the benchmark of issue 9. Builds, starts the production server on a temporary
// database, logs in as a viewer, and runs autocannon against the hot routes; in the same run it
// measures a bare Fastify server (the ceiling of this machine), an empty NestJS route (the framework's
// floor) and Netdata's one-chart API (when
// `netdata` is installed), the idle CPU, the RSS after the load and the cold start. Not a test: it
// prints a table, it never fails on a slow machine. See docs/BENCHMARKS.md.
//
// Options: --no-build            use dist/ as it is (or BENCH_SKIP_BUILD=1)
//          --dist DIR            run DIR/main.js (implies --no-build; or BENCH_DIST=DIR), e.g. a copy
//                                compiled with `npx tsc -p tsconfig.build.json --outDir DIR`
//          --duration S          seconds per route (default 8)
//          --connections N       default 50
//          --idle-seconds S      idle CPU window (default 60)
//          --routes a,b          only these probe routes (e.g. /cpu,/system)
//          --no-netdata          skip the Netdata reference
//          --profile DIR         run the probe under `node --prof` and write the processed profile
//                                of the /system load to DIR/profile.txt
//          --json FILE           also write every figure as JSON
//          --node-args "A B"     extra node options for the probe (e.g. "--max-semi-space-size=4")
const { spawn, spawnSync } = require('node:child_process');
const { mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync, mkdirSync, existsSync } = require('node:fs');
const { tmpdir, cpus, totalmem, release } = require('node:os');
const { join, resolve } = require('node:path');
const autocannon = require('autocannon');
const { freePort, stop, waitFor200 } = require('../scripts/lib/server-process');

const root = join(__dirname, '..');

function parseArgs(argv) {
  const options = {
    build: !['1', 'true', 'yes'].includes(String(process.env.BENCH_SKIP_BUILD ?? '').toLowerCase()),
    dist: join(root, 'dist'),
    duration: 8,
    connections: 50,
    idleSeconds: 60,
    routes: null,
    netdata: true,
    profile: null,
    json: null,
    nodeArgs: [],
  };
  for (let i = 0; i < argv.length; i += 1) {
    const arg = argv[i];
    const next = () => argv[++i];
    if (arg === '--no-build') options.build = false;
    else if (arg === '--dist') {
      options.dist = resolve(next());
      options.build = false;
    } else if (arg === '--duration') options.duration = Number(next());
    else if (arg === '--connections') options.connections = Number(next());
    else if (arg === '--idle-seconds') options.idleSeconds = Number(next());
    else if (arg === '--routes') options.routes = next().split(',');
    else if (arg === '--no-netdata') options.netdata = false;
    else if (arg === '--profile') options.profile = resolve(next());
    else if (arg === '--json') options.json = resolve(next());
    else if (arg === '--node-args') options.nodeArgs = next().split(/\s+/).filter(Boolean);
    else throw new Error(`unknown option ${arg}`);
  }
  if (process.env.BENCH_DIST && !argv.includes('--dist')) {
    options.dist = resolve(process.env.BENCH_DIST);
    options.build = false;
  }
  return options;
}

const sleep = (ms) => new Promise((done) => setTimeout(done, ms));

/** utime + stime of a process in clock ticks, and its resident memory in kB, from /proc. */
function procFigures(pid) {
  const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  const ticks = Number(fields[11]) + Number(fields[12]); // utime, stime (fields 14 and 15)
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  const rssKb = Number(/VmRSS:\s+(\d+)/.exec(status)?.[1] ?? NaN);
  return { ticks, rssKb };
}

const CLOCK_TICKS = Number(spawnSync('getconf', ['CLK_TCK'], { encoding: 'utf8' }).stdout.trim()) || 100;

/** Share of one core used by `pid` over `seconds` with nobody asking. */
async function idleCpuPercent(pid, seconds) {
  const start = procFigures(pid).ticks;
  const startedAt = process.hrtime.bigint();
  await sleep(seconds * 1000);
  const used = (procFigures(pid).ticks - start) / CLOCK_TICKS;
  const elapsed = Number(process.hrtime.bigint() - startedAt) / 1e9;
  return (used / elapsed) * 100;
}

function cannon(url, { connections, duration, headers }) {
  return new Promise((done, fail) => {
    autocannon({ url, connections, duration, headers, pipelining: 1 }, (error, result) => (error ? fail(error) : done(result)));
  });
}

/** One autocannon run; with `pid`, also the server's CPU time per request (from /proc, robust to a busy machine). */
async function measure(url, options, headers = {}, pid = null) {
  const before = pid ? procFigures(pid).ticks : 0;
  const result = await cannon(url, { connections: options.connections, duration: options.duration, headers });
  const cpuUsPerRequest = pid ? (((procFigures(pid).ticks - before) / CLOCK_TICKS) * 1e6) / Math.max(1, result.requests.total) : NaN;
  return {
    cpuUsPerRequest,
    rps: result.requests.average,
    p50: result.latency.p50,
    p99: result.latency.p99,
    errors: result.errors + result.timeouts + result.non2xx,
    non2xx: result.non2xx,
    bytes: result.throughput.average / Math.max(1, result.requests.average),
  };
}

async function post(url, body, token) {
  const headers = { 'content-type': 'application/json' };
  if (token) headers.authorization = `Bearer ${token}`;
  const response = await fetch(url, { method: 'POST', headers, body: JSON.stringify(body) });
  const text = await response.text();
  let json;
  try {
    json = JSON.parse(text);
  } catch {
    json = undefined;
  }
  return { status: response.status, body: json, text };
}

/** POST /login that must succeed; returns the answer's body. */
async function login(base, username, password) {
  const answer = await post(`${base}/login`, { username, password });
  if (answer.status !== 200) throw new Error(`login of ${username} failed: ${answer.status} ${answer.text}`);
  return answer.body;
}

async function changePassword(base, token, current, next, who) {
  const changed = await post(`${base}/change-password`, { current_password: current, new_password: next, confirm_password: next }, token);
  if (changed.status !== 200) throw new Error(`password change of ${who} failed: ${changed.status} ${changed.text}`);
}

/**
 * A viewer token, through the real first-start flow: the default admin/admin123 logs in and must
 * change its password, logs in again, creates a viewer (POST /users), who logs in, changes the
 * password it was given, and logs in again. Null when the build has no /login (no auth layer yet).
 */
async function viewerToken(base) {
  const first = await post(`${base}/login`, { username: 'admin', password: 'admin123' });
  if (first.status === 404) return { token: null, note: 'no /login in this build: routes measured without a token' };
  if (first.status !== 200) throw new Error(`default admin login failed: ${first.status} ${first.text}`);
  const adminPassword = 'Bench-Root-Pass-1';
  if (first.body.must_change_password) await changePassword(base, first.body.token, 'admin123', adminPassword, 'admin');
  const admin = await login(base, 'admin', adminPassword);
  const initial = 'Bench-Initial-Pass-1';
  const final = 'Bench-Final-Pass-2';
  const created = await post(`${base}/users`, { username: 'bench.viewer', password: initial, role: 'viewer' }, admin.token);
  if (created.status !== 201) throw new Error(`creating the viewer failed: ${created.status} ${created.text}`);
  const viewer = await login(base, 'bench.viewer', initial);
  if (viewer.must_change_password) await changePassword(base, viewer.token, initial, final, 'the viewer');
  const again = await login(base, 'bench.viewer', viewer.must_change_password ? final : initial);
  return { token: again.token, note: 'viewer token (default admin changed its password, created the viewer)' };
}

/** A reference server of bench/ (`<script> <port> <json-file>`), warmed up, then measured alone on GET /system. */
async function measureReference(script, bodyFile, options) {
  const port = await freePort();
  const child = spawn(process.execPath, [join(__dirname, script), String(port), bodyFile], { stdio: ['ignore', 'ignore', 'inherit'] });
  try {
    const url = `http://127.0.0.1:${port}/system`;
    await waitFor200(url, Date.now(), child);
    await cannon(url, { connections: options.connections, duration: 2, headers: {} });
    return await measure(url, options, {}, child.pid);
  } finally {
    await stop(child);
  }
}

async function startProbe(options, dir, extraNodeArgs = []) {
  const port = await freePort();
  const env = {
    ...process.env,
    NODE_ENV: 'production',
    PORT: String(port),
    HOST: '127.0.0.1',
    DATABASE_PATH: join(dir, 'healthcheck.sqlite'),
    // The default is found from dist/; a copy compiled elsewhere (--dist) must still find it.
    COMMANDS_FILE: process.env.COMMANDS_FILE ?? join(root, 'config', 'commands.json'),
  };
  // The default LOG_LEVEL (info) is measured, as users run it: no per-request log line.
  delete env.LOG_LEVEL;
  delete env.PUBLIC_METRICS;
  // The first start as a user gets it: the default admin/admin123, to change at once.
  delete env.ADMIN_PASSWORD;
  const startedAt = Date.now();
  // From the project folder, as `npm start` runs it.
  const child = spawn(process.execPath, [...options.nodeArgs, ...extraNodeArgs, join(options.dist, 'main.js')], {
    cwd: root,
    env,
    stdio: ['ignore', 'ignore', 'inherit'],
  });
  const base = `http://127.0.0.1:${port}`;
  const coldStartMs = await waitFor200(`${base}/health`, startedAt, child);
  return { child, base, coldStartMs };
}

const NETDATA_CHART = '/api/v1/data?chart=system.cpu&points=1&after=-1';

/**
 * Netdata's one-chart API: a Netdata already answering on 127.0.0.1:19999 is measured as it runs;
 * otherwise one is started on a port of its own for its measurement only (and stopped after it,
 * so that its collectors do not load the machine while the probe is measured). Null when absent.
 */
async function startNetdata(dir) {
  const running = `http://127.0.0.1:19999${NETDATA_CHART}`;
  try {
    const answer = await fetch(running, { signal: AbortSignal.timeout(1000) });
    await answer.arrayBuffer();
    if (answer.status === 200) return { child: null, pid: netdataPid(), url: running, version: netdataVersion(), external: true };
  } catch {
    // none running
  }
  const binary = netdataBinary();
  if (!binary) return null;
  const port = await freePort();
  const child = spawn(binary, ['-D', '-i', '127.0.0.1', '-p', String(port), '-P', join(dir, 'netdata.pid')], {
    stdio: ['ignore', 'ignore', 'ignore'],
  });
  const url = `http://127.0.0.1:${port}${NETDATA_CHART}`;
  await waitFor200(url, Date.now(), child, 30_000);
  return { child, pid: child.pid, url, version: netdataVersion(), external: false };
}

function netdataBinary() {
  return ['/usr/sbin/netdata', '/usr/bin/netdata', '/opt/netdata/bin/netdata'].find((path) => existsSync(path));
}

function netdataVersion() {
  const binary = netdataBinary();
  return binary ? spawnSync(binary, ['-v'], { encoding: 'utf8' }).stdout.trim() : 'netdata (version unknown)';
}

/** The pid of a running `netdata` daemon (its main process), from /proc. */
function netdataPid() {
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      if (readFileSync(`/proc/${entry}/comm`, 'utf8').trim() === 'netdata') return Number(entry);
    } catch {
      // gone meanwhile
    }
  }
  return null;
}

function machine() {
  const model = cpus()[0]?.model ?? 'unknown CPU';
  return `${cpus().length} × ${model}, ${(totalmem() / 1024 ** 3).toFixed(1)} GiB RAM, Linux ${release()}, Node ${process.version}`;
}

function loadAverage() {
  return readFileSync('/proc/loadavg', 'utf8').split(' ').slice(0, 3).join(' ');
}

const fmt = (value, digits = 0) => (Number.isFinite(value) ? value.toLocaleString('en-US', { maximumFractionDigits: digits, minimumFractionDigits: digits }) : 'n/a');

async function main() {
  const options = parseArgs(process.argv.slice(2));
  if (options.build) {
    process.stdout.write('Building (npm run build)...\n');
    const build = spawnSync('npm', ['run', 'build'], { cwd: root, stdio: 'inherit' });
    if (build.status !== 0) process.exit(1);
  }
  const oneMinuteLoad = Number(loadAverage().split(' ')[0]);
  if (oneMinuteLoad > 0.5) {
    process.stdout.write(`Warning: load average ${oneMinuteLoad} before the run: other work shares the CPU, the figures will be low and noisy.\n`);
  }
  const dir = mkdtempSync(join(tmpdir(), 'healthcheck-bench-'));
  const rows = [];
  const figures = { machine: machine(), date: new Date().toISOString(), loadBefore: loadAverage(), options };
  let probe;
  let netdata;
  try {
    probe = await startProbe(options, dir, options.profile ? ['--prof', '--no-logfile-per-isolate', `--logfile=${join(dir, 'v8.log')}`] : []);
    figures.coldStartMs = probe.coldStartMs;
    const auth = await viewerToken(probe.base);
    figures.auth = auth.note;
    figures.rssAtStartMb = procFigures(probe.child.pid).rssKb / 1024;
    const headers = auth.token ? { authorization: `Bearer ${auth.token}` } : {};
    const guarded = await fetch(`${probe.base}/cpu`);
    await guarded.arrayBuffer();
    figures.guardActive = guarded.status === 401;
    const systemBody = await (await fetch(`${probe.base}/system`, { headers })).text();
    figures.systemBytes = Buffer.byteLength(systemBody);
    process.stdout.write(`Probe up in ${probe.coldStartMs} ms; ${auth.note}; /cpu without a token: ${guarded.status}\n`);

    // References first, each alone on the machine.
    const bodyFile = join(dir, 'system.json');
    writeFileSync(bodyFile, systemBody);
    const bareResult = await measureReference('bare-fastify.js', bodyFile, options);
    figures.bare = bareResult;
    // The framework's floor, for the reader: an empty NestJS route (no guard, hook or logger).
    const nestResult = await measureReference('bare-nest.js', bodyFile, options);
    figures.bareNest = nestResult;
    process.stdout.write(`bare Fastify /system: ${fmt(bareResult.rps)} req/s; bare NestJS /system: ${fmt(nestResult.rps)} req/s\n`);

    if (options.netdata) {
      netdata = await startNetdata(dir).catch((error) => {
        process.stdout.write(`Netdata did not start: ${error.message}\n`);
        return null;
      });
      if (netdata) {
        await cannon(netdata.url, { connections: options.connections, duration: 2, headers: {} });
        figures.netdata = { ...(await measure(netdata.url, options, {}, netdata.pid)), version: netdata.version, external: netdata.external };
        figures.netdata.rssMb = netdata.pid ? procFigures(netdata.pid).rssKb / 1024 : NaN;
        await stop(netdata.child);
        netdata = null;
        process.stdout.write(`Netdata one chart: ${fmt(figures.netdata.rps)} req/s\n`);
      } else {
        process.stdout.write('Netdata is not installed: its reference is skipped (apt-get install netdata-core).\n');
      }
    }

    const routes = options.routes ?? ['/health', '/system', '/cpu', '/memory', '/disk', '/load', '/alerts', '/processes/top', '/metrics'];
    const results = {};
    for (const route of routes) {
      // Each route warmed up like the references (2 s), so that V8 has optimized its own code path.
      await cannon(`${probe.base}${route}`, { connections: options.connections, duration: 2, headers: route === '/health' ? {} : headers });
      const result = await measure(`${probe.base}${route}`, options, route === '/health' ? {} : headers, probe.child.pid);
      results[route] = result;
      process.stdout.write(`${route}: ${fmt(result.rps)} req/s, p99 ${result.p99} ms, errors ${result.errors}\n`);
    }
    figures.routes = results;
    figures.rssAfterLoadMb = procFigures(probe.child.pid).rssKb / 1024;
    process.stdout.write(`Idle CPU over ${options.idleSeconds} s...\n`);
    await sleep(2000);
    figures.idleCpuPercent = await idleCpuPercent(probe.child.pid, options.idleSeconds);
    figures.rssAfterIdleMb = procFigures(probe.child.pid).rssKb / 1024;
    figures.loadAfter = loadAverage();

    // The table.
    const bareRps = bareResult.rps;
    const netdataRps = figures.netdata?.rps;
    const peer = netdataRps ?? bareRps * (23_000 / 36_000);
    const peerLabel = netdataRps ? 'Netdata' : '0.64× bare (no Netdata)';
    const systemRps = results['/system']?.rps;
    const targetOf = (route, result) => {
      const clean = result.errors === 0;
      switch (route) {
        case '/health':
          return { text: '≥ 0.75× bare, no error', met: clean && result.rps >= 0.75 * bareRps };
        case '/system':
        case '/cpu':
          return { text: `≥ ${peerLabel}, p99 ≤ 10 ms, no error`, met: clean && result.rps >= peer && result.p99 <= 10 };
        case '/memory':
        case '/disk':
        case '/load':
        case '/alerts':
          return {
            text: '≥ 0.75× /system, p99 ≤ 10 ms, no error',
            met: clean && result.p99 <= 10 && (systemRps === undefined || result.rps >= 0.75 * systemRps),
          };
        case '/processes/top':
          return { text: 'p99 ≤ 100 ms, no error', met: clean && result.p99 <= 100 };
        default:
          return { text: 'no error', met: clean };
      }
    };
    /** One line of the table: a measured server, what it was held to, and whether it met it. */
    const row = (name, result, target, verdict) => [
      name,
      fmt(result.rps),
      `${result.p50} ms`,
      `${result.p99} ms`,
      String(result.errors),
      fmt(result.cpuUsPerRequest),
      `${fmt(result.rps / bareRps, 2)}×`,
      netdataRps ? `${fmt(result.rps / netdataRps, 2)}×` : 'n/a',
      target,
      verdict,
    ];
    for (const [route, result] of Object.entries(results)) {
      const target = targetOf(route, result);
      rows.push(row(route, result, target.text, target.met ? 'met' : 'NOT MET'));
    }
    rows.push(row('bare Fastify /system (ref)', bareResult, 'reference', ''));
    rows.push(row('bare NestJS /system (floor)', figures.bareNest, 'reference', ''));
    if (figures.netdata) {
      const n = figures.netdata;
      const rss = Number.isFinite(n.rssMb) ? `reference (RSS ${fmt(n.rssMb, 1)} MB)` : 'reference';
      rows.push(row('Netdata system.cpu (ref)', n, rss, ''));
    }
    const idleMet = figures.idleCpuPercent <= 0.5;
    const rssMet = figures.rssAfterLoadMb <= 120;
    const coldMet = figures.coldStartMs <= 1500;
    rows.push(['idle CPU (60 s window)'.replace('60', String(options.idleSeconds)), `${fmt(figures.idleCpuPercent, 2)} % of a core`, '', '', '', '', '', '', '≤ 0.5 %', idleMet ? 'met' : 'NOT MET']);
    rows.push(['RSS after start and logins', `${fmt(figures.rssAtStartMb, 1)} MB`, '', '', '', '', '', '', '', '']);
    rows.push(['RSS after the load', `${fmt(figures.rssAfterLoadMb, 1)} MB`, '', '', '', '', '', '', '≤ 120 MB', rssMet ? 'met' : 'NOT MET']);
    rows.push(['RSS after the idle window', `${fmt(figures.rssAfterIdleMb, 1)} MB`, '', '', '', '', '', '', '', '']);
    rows.push(['cold start to 200 on /health', `${figures.coldStartMs} ms`, '', '', '', '', '', '', '≤ 1500 ms', coldMet ? 'met' : 'NOT MET']);

    const header = ['route', 'req/s', 'p50', 'p99', 'errors', 'server µs/req', 'vs bare', 'vs Netdata', 'target', ''];
    const widths = header.map((title, i) => Math.max(title.length, ...rows.map((row) => row[i].length)));
    const line = (cells) => `| ${cells.map((cell, i) => cell.padEnd(widths[i])).join(' | ')} |`;
    const out = [
      '',
      `Machine: ${figures.machine}`,
      `Date: ${figures.date}; load average before ${figures.loadBefore}, after ${figures.loadAfter}`,
      `autocannon ${options.connections} connections, ${options.duration} s per route; ${figures.auth}; guard active: ${figures.guardActive}; /system is ${figures.systemBytes} bytes`,
      figures.netdata
        ? `Netdata: ${figures.netdata.version}${figures.netdata.external ? ' (the one already running on port 19999)' : ' (started for its measurement, then stopped)'}`
        : 'Netdata: not measured',
      '',
      line(header),
      line(widths.map((width) => '-'.repeat(width))),
      ...rows.map(line),
      '',
    ];
    const missed = rows.filter((row) => row[9] === 'NOT MET').map((row) => row[0]);
    figures.missed = missed;
    out.push(missed.length === 0 ? 'Every target met.' : `Targets not met: ${missed.join(', ')}.`, '');
    process.stdout.write(out.join('\n') + '\n');
    figures.table = out.join('\n');
    if (options.json) writeFileSync(options.json, JSON.stringify(figures, null, 2));
  } finally {
    await stop(netdata?.child);
    await stop(probe?.child);
    if (options.profile && existsSync(join(dir, 'v8.log'))) {
      mkdirSync(options.profile, { recursive: true });
      const processed = spawnSync(process.execPath, ['--prof-process', join(dir, 'v8.log')], { encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
      writeFileSync(join(options.profile, 'profile.txt'), processed.stdout);
      process.stdout.write(`Profile written to ${join(options.profile, 'profile.txt')}\n`);
    }
    rmSync(dir, { recursive: true, force: true });
  }
}

main().catch((error) => {
  process.stderr.write(`bench failed: ${error.stack ?? error.message}\n`);
  process.exit(1);
});
