// What the scripts that start a server of their own share (Postman run, soak test, benchmark).
const { spawn } = require('node:child_process');
const { mkdtempSync, rmSync } = require('node:fs');
const { createServer } = require('node:net');
const { tmpdir } = require('node:os');
const { join } = require('node:path');

/** A TCP port free on 127.0.0.1 right now. */
function freePort() {
  return new Promise((done, fail) => {
    const server = createServer();
    server.once('error', fail);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address();
      server.close(() => done(port));
    });
  });
}

/** Polls `url` until it answers 200; returns the ms it took from `since`. Fails if `child` exits. */
async function waitFor200(url, since, child, timeoutMs = 30_000) {
  while (Date.now() - since < timeoutMs) {
    if (child && child.exitCode !== null) throw new Error(`${url}: the process exited with code ${child.exitCode}`);
    try {
      const response = await fetch(url);
      await response.arrayBuffer();
      if (response.status === 200) return Date.now() - since;
    } catch {
      // not listening yet
    }
    await new Promise((done) => setTimeout(done, 5));
  }
  throw new Error(`${url} did not answer 200 within ${timeoutMs} ms`);
}

/** SIGTERM, then SIGKILL after 5 s; resolves once the process has exited. */
function stop(child) {
  return new Promise((done) => {
    if (!child || child.exitCode !== null) return done();
    const timer = setTimeout(() => child.kill('SIGKILL'), 5000);
    child.once('exit', () => {
      clearTimeout(timer);
      done();
    });
    child.kill('SIGTERM');
  });
}

/**
 * Starts `main` (a built dist/main.js) the way production runs it, on a free port of 127.0.0.1 and a
 * database in `dir` (a new temporary folder by default), with `env` on top; resolves once /health
 * answers 200. `close()` stops it and removes the folder when this function made it.
 */
async function startServer({ main, cwd, env = {}, dir, timeoutMs = 20_000 }) {
  const folder = dir ?? mkdtempSync(join(tmpdir(), 'healthcheck-server-'));
  const port = await freePort();
  const url = `http://127.0.0.1:${port}`;
  const child = spawn(process.execPath, [main], {
    cwd,
    env: { ...process.env, NODE_ENV: 'production', PORT: String(port), HOST: '127.0.0.1', DATABASE_PATH: join(folder, 'healthcheck.sqlite'), ...env },
    stdio: ['ignore', 'inherit', 'inherit'],
  });
  const close = async () => {
    await stop(child);
    if (dir === undefined) rmSync(folder, { recursive: true, force: true });
  };
  try {
    await waitFor200(`${url}/health`, Date.now(), child, timeoutMs);
  } catch (error) {
    await close();
    throw error;
  }
  return { child, url, close };
}

module.exports = { freePort, waitFor200, stop, startServer };
