#!/usr/bin/env node
// `npm start` runs dist/main.js; build first when dist/ is missing or older than the sources.
const { existsSync, readdirSync, statSync } = require('node:fs');
const { join } = require('node:path');
const { spawnSync } = require('node:child_process');

const root = join(__dirname, '..');
const target = join(root, 'dist', 'main.js');

function newest(dir) {
  let latest = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    latest = Math.max(latest, entry.isDirectory() ? newest(path) : statSync(path).mtimeMs);
  }
  return latest;
}

const dashboard = join(root, 'dist', 'public', 'index.html');
const stale =
  !existsSync(target) ||
  newest(join(root, 'src')) > statSync(target).mtimeMs ||
  !existsSync(dashboard) ||
  newest(join(root, 'web')) > statSync(dashboard).mtimeMs;

if (stale) {
  process.stdout.write('Building HealthCheck (dist/ is missing or stale)...\n');
  // `nest build` empties dist/, then web/build.js bundles the dashboard into dist/public.
  for (const step of [[join(root, 'node_modules', '@nestjs', 'cli', 'bin', 'nest.js'), 'build'], [join(root, 'web', 'build.js')]]) {
    const result = spawnSync(process.execPath, step, { cwd: root, stdio: 'inherit' });
    if (result.status !== 0) process.exit(result.status ?? 1);
  }
}
