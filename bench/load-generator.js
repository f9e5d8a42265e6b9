// The load generator of the bench: wrk when it is on PATH (written in C, it takes less of the
// machine's cores than autocannon, which runs on Node), autocannon otherwise. Both give the same
// figures: requests, req/s, p50/p99 latency in ms, and the errors (connection errors, timeouts and
// non-2xx answers).
const { spawn, spawnSync } = require('node:child_process');
const { join } = require('node:path');

function wrkPath() {
  const found = spawnSync('sh', ['-c', 'command -v wrk'], { encoding: 'utf8' });
  return found.status === 0 ? found.stdout.trim() : null;
}

/** `{ name, run(url, { connections, duration, headers }) }` for wrk, or autocannon when wrk is absent (or `prefer` says so). */
function loadGenerator(prefer = 'auto') {
  const wrk = prefer === 'autocannon' ? null : wrkPath();
  if (prefer === 'wrk' && !wrk) throw new Error('wrk is not on PATH (apt-get install wrk)');
  if (wrk) {
    const version = (spawnSync(wrk, ['--version'], { encoding: 'utf8' }).stdout || '').split('\n')[0].split(' Copyright')[0].trim();
    return { name: version || 'wrk', run: (url, options) => runWrk(wrk, url, options) };
  }
  const version = require('autocannon/package.json').version;
  return { name: `autocannon ${version}`, run: runAutocannon };
}

/** wrk with two threads (the machine's cores); bench/wrk-report.lua prints the figures as JSON. */
function runWrk(wrk, url, { connections, duration, headers = {} }) {
  const args = ['-t', '2', '-c', String(connections), '-d', `${duration}s`, '--timeout', '5s', '-s', join(__dirname, 'wrk-report.lua')];
  for (const [name, value] of Object.entries(headers)) args.push('-H', `${name}: ${value}`);
  args.push(url);
  return new Promise((done, fail) => {
    const child = spawn(wrk, args, { stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    let err = '';
    child.stdout.on('data', (chunk) => (out += chunk));
    child.stderr.on('data', (chunk) => (err += chunk));
    child.on('exit', (code) => {
      const line = out.split('\n').find((text) => text.startsWith('WRK_JSON '));
      if (code !== 0 || !line) return fail(new Error(`wrk exited ${code}: ${err || out}`));
      const figures = JSON.parse(line.slice('WRK_JSON '.length));
      const seconds = figures.duration_us / 1e6;
      done({
        requests: figures.requests,
        rps: figures.requests / seconds,
        seconds,
        p50: figures.p50_us / 1000,
        p99: figures.p99_us / 1000,
        errors: figures.connect + figures.read + figures.write + figures.timeout + figures.status,
        non2xx: figures.status,
        bytesPerRequest: figures.bytes / Math.max(1, figures.requests),
      });
    });
  });
}

function runAutocannon(url, { connections, duration, headers = {} }) {
  const autocannon = require('autocannon');
  return new Promise((done, fail) => {
    autocannon({ url, connections, duration, headers, pipelining: 1 }, (error, result) => {
      if (error) return fail(error);
      const seconds = result.duration;
      done({
        requests: result.requests.total,
        rps: result.requests.total / seconds,
        seconds,
        p50: result.latency.p50,
        p99: result.latency.p99,
        errors: result.errors + result.timeouts + result.non2xx,
        non2xx: result.non2xx,
        bytesPerRequest: result.throughput.total / Math.max(1, result.requests.total),
      });
    });
  });
}

module.exports = { loadGenerator };
