#!/usr/bin/env node
// Lints the API contract: starts the built server (dist/main.js) on a temporary database and a free
// port, saves what it serves at /docs-json, and runs `redocly lint` (recommended rules, redocly.yaml)
// on it. Part of `npm test`; fails on any error or warning. `--keep <file>` also writes the document there.
const { spawnSync } = require('node:child_process');
const { mkdtempSync, rmSync, writeFileSync } = require('node:fs');
const { tmpdir } = require('node:os');
const { join } = require('node:path');
const { startServer } = require('./lib/server-process');

const root = join(__dirname, '..');

async function fetchDocument() {
  const server = await startServer({ main: join(root, 'dist', 'main.js'), cwd: root, env: { LOG_LEVEL: 'error', SWAGGER_ENABLED: 'true' } });
  try {
    const response = await fetch(`${server.url}/docs-json`);
    if (response.status !== 200) throw new Error(`/docs-json answered ${response.status}`);
    return await response.text();
  } finally {
    await server.close();
  }
}

async function main() {
  const keepIndex = process.argv.indexOf('--keep');
  const document = await fetchDocument();
  const dir = mkdtempSync(join(tmpdir(), 'healthcheck-openapi-lint-'));
  const file = join(dir, 'openapi.json');
  writeFileSync(file, document);
  if (keepIndex !== -1 && process.argv[keepIndex + 1]) writeFileSync(process.argv[keepIndex + 1], document);
  const redocly = join(root, 'node_modules', '@redocly', 'cli', 'bin', 'cli.js');
  const result = spawnSync(process.execPath, [redocly, 'lint', file, '--config', join(root, 'redocly.yaml'), '--format', 'json'], {
    cwd: root,
    encoding: 'utf8',
    maxBuffer: 64 * 1024 * 1024,
    // No usage report sent to Redocly, no update check: the test speaks to nobody.
    env: { ...process.env, REDOCLY_TELEMETRY: 'off', REDOCLY_SUPPRESS_UPDATE_NOTICE: 'true' },
  });
  rmSync(dir, { recursive: true, force: true });
  let report;
  try {
    report = JSON.parse(result.stdout);
  } catch {
    process.stderr.write(`${result.stdout}\n${result.stderr}\nredocly lint gave no report (exit ${result.status})\n`);
    process.exit(1);
  }
  // Warnings fail too: the contract is kept at 0 errors and 0 warnings (rules turned off in redocly.yaml say why).
  for (const problem of report.problems) {
    const where = problem.location?.[0]?.pointer ?? '';
    process.stderr.write(`${problem.severity} ${problem.ruleId} at ${where}: ${problem.message}\n`);
  }
  const { errors, warnings } = report.totals;
  const operations = Object.values(JSON.parse(document).paths).reduce((count, item) => count + Object.keys(item).length, 0);
  process.stdout.write(`OpenAPI lint (redocly ${report.version}, recommended rules): ${operations} operations, ${errors} errors, ${warnings} warnings\n`);
  if (errors + warnings > 0) process.exit(1);
}

main().catch((error) => {
  process.stderr.write(`OpenAPI lint could not run: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(1);
});
