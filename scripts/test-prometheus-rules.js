#!/usr/bin/env node
// Checks and unit-tests the example Prometheus alerting rules (docs/prometheus/) with promtool.
// Part of `npm test`: skipped, with a visible message, when promtool is not installed (Debian:
// `apt-get install prometheus`, which ships /usr/bin/promtool; `.ci/run` installs it, and in CI a
// missing promtool fails).
const { spawnSync } = require('node:child_process');
const { join } = require('node:path');

const folder = join(__dirname, '..', 'docs', 'prometheus');
const probe = spawnSync('promtool', ['--version'], { encoding: 'utf8' });
if (probe.error) {
  if (process.env.CI) {
    process.stderr.write('Prometheus rules: promtool is not installed, and CI must run this test (.ci/run installs it)\n');
    process.exit(1);
  }
  process.stdout.write('Prometheus rules: SKIPPED, promtool is not installed (Debian: apt-get install prometheus)\n');
  process.exit(0);
}
for (const args of [
  ['check', 'rules', 'healthcheck-rules.yml'],
  ['test', 'rules', 'healthcheck-rules.test.yml'],
]) {
  const result = spawnSync('promtool', args, { cwd: folder, encoding: 'utf8' });
  if (result.status !== 0) {
    process.stderr.write(`${result.stdout}${result.stderr}promtool ${args.join(' ')} failed\n`);
    process.exit(1);
  }
}
process.stdout.write('Prometheus rules: promtool check and test rules passed (docs/prometheus/healthcheck-rules.yml)\n');
