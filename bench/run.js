#!/usr/bin/env node
// `npm run bench`: the benchmark of issues 9 and 18. Builds, starts the production server on a
// temporary database, logs in as a viewer, and loads the hot routes with wrk (autocannon when wrk is
// not installed). Every route is measured INTERLEAVED with its references, in the same run: a bare
// NestJS + Fastify server and a bare Fastify server answering the very answer the route gave
// (bench/bare-nest.js, bench/bare-fastify.js), the probe's own /cpu for the routes held to it, and
// Netdata's one-chart API when Netdata is installed. Then the idle CPU, the RSS after the load, the
// first answers after an idle spell, and the cold start on a new and on an existing database. Not a
// test: it prints a table and says which targets are met; it never fails because a machine is slow.
// See docs/BENCHMARKS.md.
//
// Options: --no-build            use dist/ as it is (or BENCH_SKIP_BUILD=1)
//          --dist DIR            run DIR/main.js (implies --no-build; or BENCH_DIST=DIR)
//          --duration S          seconds of load per server and route, split over the rounds (default 8)
//          --rounds N            interleaved rounds (default 4)
//          --connections N       default 50
//          --idle-seconds S      idle CPU window, also the idle spell before the first answers (default 60)
//          --routes a,b          only these probe routes (e.g. /cpu,/health)
//          --loader wrk|autocannon   force a load generator (default: wrk when on PATH)
//          --no-netdata          skip the Netdata reference
//          --json FILE           also write every figure as JSON
//          --node-args "A B"     extra node options for the probe (e.g. "--max-semi-space-size=4")
const { spawn, spawnSync } = require('node:child_process');
const { mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync, existsSync } = require('node:fs');
const { tmpdir, cpus, totalmem, release } = require('node:os');
const { join, resolve } = require('node:path');
const { loadGenerator } = require('./load-generator');
const { freePort, stop, waitFor200 } = require('../scripts/lib/server-process');

const root = join(__dirname, '..');

function parseArgs(argv) {
  const options = {
    build: !['1', 'true', 'yes'].includes(String(process.env.BENCH_SKIP_BUILD ?? '').toLowerCase()),
    dist: join(root, 'dist'),
    duration: 8,
    rounds: 4,
    connections: 50,
    idleSeconds: 60,
    routes: null,
    loader: 'auto',
    netdata: true,
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
    else if (arg === '--rounds') options.rounds = Math.max(1, Number(next()));
    else if (arg === '--connections') options.connections = Number(next());
    else if (arg === '--idle-seconds') options.idleSeconds = Number(next());
    else if (arg === '--routes') options.routes = next().split(',');
    else if (arg === '--loader') options.loader = next();
    else if (arg === '--no-netdata') options.netdata = false;
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

/**
 * Measures several servers in turns: each is warmed up (2 s), then every round loads each one for
 * `duration / rounds` seconds, one after the other, so that a change of the machine's speed during
 * the run (other work, frequency, noisy neighbours) falls on all of them alike. Returns, per entry,
 * the total requests over the total time, the worst p99 of its turns, the errors, and the server's
 * CPU time per request (from /proc: what a busy machine changes least).
 */
async function interleaved(generator, entries, options) {
  const turn = Math.max(1, Math.round(options.duration / options.rounds));
  for (const entry of entries) await generator.run(entry.url, { connections: options.connections, duration: 2, headers: entry.headers });
  const totals = new Map(entries.map((entry) => [entry.key, { requests: 0, seconds: 0, ticks: 0, errors: 0, non2xx: 0, p99: 0, p50s: [], bytes: 0 }]));
  for (let round = 0; round < options.rounds; round += 1) {
    for (const entry of entries) {
      const before = entry.pid ? procFigures(entry.pid).ticks : 0;
      const result = await generator.run(entry.url, { connections: options.connections, duration: turn, headers: entry.headers });
      const total = totals.get(entry.key);
      total.ticks += entry.pid ? procFigures(entry.pid).ticks - before : NaN;
      total.requests += result.requests;
      total.seconds += result.seconds;
      total.errors += result.errors;
      total.non2xx += result.non2xx;
      total.p99 = Math.max(total.p99, result.p99);
      total.p50s.push(result.p50);
      total.bytes = result.bytesPerRequest;
    }
  }
  const results = {};
  for (const [key, total] of totals) {
    results[key] = {
      rps: total.requests / total.seconds,
      requests: total.requests,
      p50: total.p50s.sort((a, b) => a - b)[Math.floor(total.p50s.length / 2)],
      p99: total.p99,
      errors: total.errors,
      non2xx: total.non2xx,
      bytesPerRequest: total.bytes,
      cpuUsPerRequest: ((total.ticks / CLOCK_TICKS) * 1e6) / Math.max(1, total.requests),
    };
  }
  return results;
}

/** A reference server of bench/ (`<script> <port> <answers.json>`), listening. */
async function startReference(script, answersFile) {
  const port = await freePort();
  const child = spawn(process.execPath, [join(__dirname, script), String(port), answersFile], { stdio: ['ignore', 'ignore', 'inherit'] });
  const base = `http://127.0.0.1:${port}`;
  await waitFor200(`${base}/health`, Date.now(), child);
  return { child, base, pid: child.pid };
}

/** The time of one GET as a user sees it (ms), with its status. */
async function timedGet(url, headers) {
  const started = process.hrtime.bigint();
  const answer = await fetch(url, { headers });
  const text = await answer.text();
  return { ms: Number(process.hrtime.bigint() - started) / 1e6, status: answer.status, text };
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


function machine() {
  const model = cpus()[0]?.model ?? 'unknown CPU';
  return `${cpus().length} × ${model}, ${(totalmem() / 1024 ** 3).toFixed(1)} GiB RAM, Linux ${release()}, Node ${process.version}`;
}

function loadAverage() {
  return readFileSync('/proc/loadavg', 'utf8').split(' ').slice(0, 3).join(' ');
}

const fmt = (value, digits = 0) => (Number.isFinite(value) ? value.toLocaleString('en-US', { maximumFractionDigits: digits, minimumFractionDigits: digits }) : 'n/a');
const ratio = (a, b) => `${fmt(a / b, 2)}×`;

/** The quiet spell after the load before the steady idle CPU is measured. */
const SETTLE_SECONDS = 30;
const ALL_ROUTES = ['/health', '/cpu', '/system', '/memory', '/disk', '/load', '/alerts', '/processes/top', '/metrics'];
/** Routes held to a share of /cpu's throughput, measured interleaved with /cpu. */
const VS_CPU = new Set(['/memory', '/disk', '/load', '/alerts']);
/** Routes also measured against bare Fastify (the machine's ceiling). */
const VS_FASTIFY = new Set(['/health', '/cpu', '/system']);
/** Routes whose first answer may need a costly collection: timed after the idle spell and after a restart. */
const FIRST_ANSWERS = ['/processes', '/processes/top', '/services', '/network', '/disk'];

async function main() {
  const options = parseArgs(process.argv.slice(2));
  if (options.build) {
    process.stdout.write('Building (npm run build)...\n');
    const build = spawnSync('npm', ['run', 'build'], { cwd: root, stdio: 'inherit' });
    if (build.status !== 0) process.exit(1);
  }
  const oneMinuteLoad = Number(loadAverage().split(' ')[0]);
  if (oneMinuteLoad > 0.5) {
    process.stdout.write(`Warning: load average ${oneMinuteLoad} before the run: other work shares the CPU, the absolute figures will be low and noisy (the interleaved ratios less so).\n`);
  }
  const generator = loadGenerator(options.loader);
  const dir = mkdtempSync(join(tmpdir(), 'healthcheck-bench-'));
  const figures = { machine: machine(), date: new Date().toISOString(), loadBefore: loadAverage(), loadGenerator: generator.name, options };
  const lines = [];
  const targets = [];
  /** One line of the table; `target` = { text, met } or null for a reference. */
  const row = (name, result, reference, also, target) => {
    lines.push([
      name,
      result ? fmt(result.rps) : '',
      result ? `${fmt(result.p50, 1)} ms` : '',
      result ? `${fmt(result.p99, 1)} ms` : '',
      result ? String(result.errors) : '',
      result ? fmt(result.cpuUsPerRequest, 1) : '',
      reference,
      also,
      target ? target.text : 'reference',
      target ? (target.met ? 'met' : 'NOT MET') : '',
    ]);
    if (target) targets.push({ name, met: target.met });
  };
  const figureRow = (name, value, target) => {
    lines.push([name, value, '', '', '', '', '', '', target ? target.text : '', target ? (target.met ? 'met' : 'NOT MET') : '']);
    if (target) targets.push({ name, met: target.met });
  };
  let probe;
  let refs = [];
  let netdata;
  try {
    probe = await startProbe(options, dir);
    figures.coldStartNewMs = probe.coldStartMs;
    const auth = await viewerToken(probe.base);
    figures.auth = auth.note;
    const headers = auth.token ? { authorization: `Bearer ${auth.token}` } : {};
    figures.firstProcessesNewDatabase = await timedGet(`${probe.base}/processes`, headers);
    figures.rssAtStartMb = procFigures(probe.child.pid).rssKb / 1024;
    const guarded = await fetch(`${probe.base}/cpu`);
    await guarded.arrayBuffer();
    figures.guardActive = guarded.status === 401;
    process.stdout.write(`Probe up in ${probe.coldStartMs} ms; ${auth.note}; /cpu without a token: ${guarded.status}; load: ${generator.name}\n`);

    // The very answers of the probe, served by the references.
    const routes = options.routes ?? ALL_ROUTES;
    const answers = {};
    for (const route of new Set([...routes, '/health', '/cpu'])) {
      const answer = await fetch(probe.base + route, { headers: route === '/health' ? {} : headers });
      const type = answer.headers.get('content-type') ?? '';
      const text = await answer.text();
      if (answer.status !== 200) throw new Error(`${route} answered ${answer.status}: ${text}`);
      answers[route.split('?')[0]] = type.includes('json') ? { type: 'json', body: JSON.parse(text) } : { type: 'text', contentType: type, body: text };
    }
    const answersFile = join(dir, 'answers.json');
    writeFileSync(answersFile, JSON.stringify(answers));
    const [bareNest, bareFastify] = await Promise.all([startReference('bare-nest.js', answersFile), startReference('bare-fastify.js', answersFile)]);
    refs = [bareNest, bareFastify];
    const probeEntry = (route) => ({ key: `probe ${route}`, url: probe.base + route, headers: route === '/health' ? {} : headers, pid: probe.child.pid });
    // The references get the very same request (the viewer's Authorization header included: reading
    // it is the kernel's and Node's work, not the project's) and give the very same answer.
    const nestEntry = (route) => ({ key: `nest ${route}`, url: bareNest.base + route.split('?')[0], headers: probeEntry(route).headers, pid: bareNest.pid });
    const fastifyEntry = (route) => ({ key: `fastify ${route}`, url: bareFastify.base + route.split('?')[0], headers: probeEntry(route).headers, pid: bareFastify.pid });

    const measured = {};
    for (const route of routes) {
      const entries = [nestEntry(route)];
      if (VS_FASTIFY.has(route)) entries.push(fastifyEntry(route));
      if (VS_CPU.has(route)) entries.push(probeEntry('/cpu'));
      entries.push(probeEntry(route));
      const results = await interleaved(generator, entries, options);
      measured[route] = results;
      const mine = results[`probe ${route}`];
      process.stdout.write(`${route}: ${fmt(mine.rps)} req/s (bare NestJS ${fmt(results[`nest ${route}`].rps)}), p99 ${fmt(mine.p99, 1)} ms, errors ${mine.errors}\n`);
    }
    figures.routes = measured;

    if (options.netdata) {
      netdata = await startNetdata(dir).catch((error) => {
        process.stdout.write(`Netdata did not start: ${error.message}\n`);
        return null;
      });
      if (netdata) {
        const results = await interleaved(generator, [{ key: 'netdata', url: netdata.url, headers: {}, pid: netdata.pid }, probeEntry('/cpu')], options);
        figures.netdata = { ...results, version: netdata.version, external: netdata.external, rssMb: netdata.pid ? procFigures(netdata.pid).rssKb / 1024 : NaN };
        await stop(netdata.child);
        netdata = null;
        process.stdout.write(`Netdata one chart: ${fmt(results.netdata.rps)} req/s; /cpu ${fmt(results['probe /cpu'].rps)} req/s\n`);
      } else {
        figures.netdataNote = 'Netdata is not installed: its reference is skipped (apt-get install netdata-core)';
        process.stdout.write(`${figures.netdataNote}.\n`);
      }
    }
    figures.rssAfterLoadMb = procFigures(probe.child.pid).rssKb / 1024;
    figures.bareNestRssAfterLoadMb = procFigures(bareNest.pid).rssKb / 1024;
    await Promise.all(refs.map((ref) => stop(ref.child)));
    refs = [];

    // The first 30 s after a load are V8 giving memory back (full collections of the heap); the
    // steady state, what an idle probe costs, is measured after them.
    process.stdout.write(`Idle CPU: 30 s right after the load, then ${options.idleSeconds} s of steady state...\n`);
    figures.afterLoadCpuPercent = await idleCpuPercent(probe.child.pid, SETTLE_SECONDS);
    figures.idleCpuPercent = await idleCpuPercent(probe.child.pid, options.idleSeconds);
    figures.rssAfterIdleMb = procFigures(probe.child.pid).rssKb / 1024;
    // The first answers after the idle spell (every cache older than its lifetime by now).
    figures.firstAfterIdle = {};
    for (const route of FIRST_ANSWERS) figures.firstAfterIdle[route] = await timedGet(probe.base + route, headers);
    await stop(probe.child);

    // A restart on the same database: the cold start of every start but the first, and the first
    // answers a user gets right after it (the token is still valid: sessions are stored).
    probe = await startProbe(options, dir);
    figures.coldStartExistingMs = probe.coldStartMs;
    figures.firstAfterRestart = {};
    for (const route of FIRST_ANSWERS) figures.firstAfterRestart[route] = await timedGet(probe.base + route, headers);
    await stop(probe.child);
    probe = null;
    figures.loadAfter = loadAverage();

    // The table.
    for (const route of routes) {
      const results = measured[route];
      const mine = results[`probe ${route}`];
      const nest = results[`nest ${route}`];
      const clean = mine.errors === 0;
      const also = [];
      if (VS_FASTIFY.has(route)) also.push(`${ratio(mine.rps, results[`fastify ${route}`].rps)} bare Fastify`);
      if (route === '/cpu' && figures.netdata) also.push(`${ratio(figures.netdata['probe /cpu'].rps, figures.netdata.netdata.rps)} Netdata`);
      let reference = `${ratio(mine.rps, nest.rps)} bare NestJS`;
      let target = { text: 'no error', met: clean };
      if (route === '/cpu') target = { text: '≥ 0.75× bare NestJS, no error', met: clean && mine.rps >= 0.75 * nest.rps };
      if (route === '/health') target = { text: '≥ 0.85× bare NestJS, no error', met: clean && mine.rps >= 0.85 * nest.rps };
      if (VS_CPU.has(route)) {
        const cpu = results['probe /cpu'];
        also.unshift(reference);
        reference = `${ratio(mine.rps, cpu.rps)} /cpu`;
        target = { text: '≥ 0.8× /cpu, no error', met: clean && mine.rps >= 0.8 * cpu.rps };
      }
      if (route === '/processes/top') {
        const idle = figures.firstAfterIdle['/processes/top'].ms;
        also.push(`first after ${SETTLE_SECONDS + options.idleSeconds} s idle: ${fmt(idle)} ms`);
        target = { text: 'p99 ≤ 100 ms (first after idle included), no error', met: clean && mine.p99 <= 100 && idle <= 100 };
      }
      row(route, mine, reference, also.join('; '), target);
    }
    for (const route of routes) {
      const results = measured[route];
      row(`bare NestJS ${route} (ref)`, results[`nest ${route}`], '1.00×', '', null);
      if (results[`fastify ${route}`]) row(`bare Fastify ${route} (ref)`, results[`fastify ${route}`], `${ratio(results[`fastify ${route}`].rps, results[`nest ${route}`].rps)} bare NestJS`, '', null);
    }
    if (figures.netdata) {
      const n = figures.netdata.netdata;
      row('Netdata system.cpu (ref)', n, '1.00×', Number.isFinite(figures.netdata.rssMb) ? `RSS ${fmt(figures.netdata.rssMb, 1)} MB` : '', null);
    } else if (options.netdata) {
      figureRow('Netdata', 'not installed: skipped', null);
    }
    const firstNew = figures.firstProcessesNewDatabase;
    const firstRestart = figures.firstAfterRestart['/processes'];
    figureRow('first GET /processes after start (restart)', `${fmt(firstRestart.ms)} ms`, { text: '≤ 200 ms', met: firstRestart.status === 200 && firstRestart.ms <= 200 });
    figureRow('first GET /processes after start (new database)', `${fmt(firstNew.ms)} ms`, { text: '≤ 200 ms', met: firstNew.status === 200 && firstNew.ms <= 200 });
    for (const route of FIRST_ANSWERS.filter((route) => route !== '/processes')) {
      const after = figures.firstAfterRestart[route];
      const idle = figures.firstAfterIdle[route];
      figureRow(`first GET ${route}: after start / after idle`, `${fmt(after.ms)} / ${fmt(idle.ms)} ms`, { text: '≤ 200 ms', met: after.status === 200 && idle.status === 200 && Math.max(after.ms, idle.ms) <= 200 });
    }
    figureRow(`CPU in the ${SETTLE_SECONDS} s right after the load`, `${fmt(figures.afterLoadCpuPercent, 2)} % of a core`, null);
    figureRow(`idle CPU, steady state (${options.idleSeconds} s window)`, `${fmt(figures.idleCpuPercent, 2)} % of a core`, { text: '≤ 0.3 %', met: figures.idleCpuPercent <= 0.3 });
    figureRow('RSS after start and logins', `${fmt(figures.rssAtStartMb, 1)} MB`, null);
    figureRow('RSS after the load', `${fmt(figures.rssAfterLoadMb, 1)} MB`, { text: '≤ 100 MB', met: figures.rssAfterLoadMb <= 100 });
    figureRow('RSS after the idle window', `${fmt(figures.rssAfterIdleMb, 1)} MB`, null);
    figureRow('RSS of bare NestJS after its load (ref)', `${fmt(figures.bareNestRssAfterLoadMb, 1)} MB`, null);
    figureRow('cold start to 200 on /health, new database', `${figures.coldStartNewMs} ms`, { text: '≤ 1500 ms', met: figures.coldStartNewMs <= 1500 });
    figureRow('cold start to 200 on /health, existing database', `${figures.coldStartExistingMs} ms`, { text: '≤ 1000 ms', met: figures.coldStartExistingMs <= 1000 });

    const header = ['what', 'req/s', 'p50', 'p99', 'errors', 'server µs/req', 'ratio', 'also', 'target', ''];
    const widths = header.map((title, i) => Math.max(title.length, ...lines.map((line) => line[i].length)));
    const line = (cells) => `| ${cells.map((cell, i) => cell.padEnd(widths[i])).join(' | ')} |`;
    const turn = Math.max(1, Math.round(options.duration / options.rounds));
    const out = [
      '',
      `Machine: ${figures.machine}`,
      `Date: ${figures.date}; load average before ${figures.loadBefore}, after ${figures.loadAfter}`,
      `${generator.name}, ${options.connections} connections; per route, each server loaded ${options.rounds} × ${turn} s in turns (after 2 s of warm-up); ${figures.auth}; guard active: ${figures.guardActive}`,
      figures.netdata
        ? `Netdata: ${figures.netdata.version}${figures.netdata.external ? ' (the one already running on port 19999)' : ' (started for its measurement, then stopped)'}`
        : `Netdata: ${figures.netdataNote ?? 'not measured (--no-netdata)'}`,
      '',
      line(header),
      line(widths.map((width) => '-'.repeat(width))),
      ...lines.map(line),
      '',
    ];
    const missed = targets.filter((target) => !target.met).map((target) => target.name);
    figures.missed = missed;
    out.push(missed.length === 0 ? 'Every target met.' : `Targets not met: ${missed.join(', ')}.`, '');
    process.stdout.write(out.join('\n') + '\n');
    figures.table = out.join('\n');
    if (options.json) writeFileSync(options.json, JSON.stringify(figures, null, 2));
  } finally {
    await stop(netdata?.child);
    await Promise.all(refs.map((ref) => stop(ref.child)));
    await stop(probe?.child);
    rmSync(dir, { recursive: true, force: true });
  }
}

main().catch((error) => {
  process.stderr.write(`bench failed: ${error.stack ?? error.message}\n`);
  process.exit(1);
});
