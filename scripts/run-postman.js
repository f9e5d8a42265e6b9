#!/usr/bin/env node
// Runs the Postman collection with newman against the built server (dist/main.js), started here on a
// temporary database and a free port, so that the collection can never rot. Part of `npm test`.
const { spawnSync } = require('node:child_process');
const { join } = require('node:path');
const newman = require('newman');
const { startServer } = require('./lib/server-process');

const root = join(__dirname, '..');

async function main() {
  const check = spawnSync(process.execPath, [join(root, 'postman', 'build.js'), '--check'], { stdio: 'inherit' });
  if (check.status !== 0) process.exit(1);

  let failures = 1;
  let server;
  try {
    server = await startServer({
      main: join(root, 'dist', 'main.js'),
      cwd: root,
      env: { LOG_LEVEL: 'warn', ...(process.env.POSTMAN_SERVER_ENV ? JSON.parse(process.env.POSTMAN_SERVER_ENV) : {}) },
    });
    const summary = await new Promise((resolve, reject) =>
      newman.run(
        {
          collection: require(join(root, 'postman', 'healthcheck.postman_collection.json')),
          environment: require(join(root, 'postman', 'healthcheck.postman_environment.json')),
          envVar: [{ key: 'baseUrl', value: server.url }],
          reporters: ['cli'],
          timeoutRequest: 30000,
        },
        (error, result) => (error ? reject(error) : resolve(result)),
      ),
    );
    const { assertions, requests } = summary.run.stats;
    failures = summary.run.failures.length;
    const passed = assertions.total - assertions.failed;
    process.stdout.write(`\nPostman: ${requests.total} requests, ${passed} assertions passed, ${assertions.failed} failed\n`);
  } catch (error) {
    process.stderr.write(`Postman run failed: ${error instanceof Error ? error.message : String(error)}\n`);
  } finally {
    await server?.close();
  }
  process.exit(failures === 0 ? 0 : 1);
}

main();
