// What the scripts that start a server of their own share (Postman run, soak test, benchmark).
const { createServer } = require('node:net');

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

module.exports = { freePort, waitFor200, stop };
