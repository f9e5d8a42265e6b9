#!/usr/bin/env node
// `npm run release` (after `npm run build`): healthcheck-<version>-linux-<arch>.tar.gz, a folder
// that runs on a server with Node.js alone: dist/, the production dependencies with their native
// modules already compiled (sqlite3, argon2: copied from this install, nothing downloaded), the
// systemd unit, an example environment file and install.sh.
//   node scripts/release.js [--out DIR]     (default: the project folder)
const { spawnSync } = require('node:child_process');
const { chmodSync, cpSync, existsSync, mkdirSync, mkdtempSync, readdirSync, rmSync, statSync, writeFileSync } = require('node:fs');
const { basename, join, relative, sep } = require('node:path');

const root = join(__dirname, '..');
const pkg = require(join(root, 'package.json'));
const target = `linux-${process.arch}`;
const name = `healthcheck-${pkg.version}-${target}`;

function run(command, args, cwd) {
  const result = spawnSync(command, args, { cwd, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'], maxBuffer: 64 * 1024 * 1024 });
  if (result.status !== 0) throw new Error(`${command} ${args.join(' ')} failed (${result.status}): ${result.stderr || result.stdout}`);
  return result.stdout;
}

/** The installed folders of the production dependencies, outermost only (nested ones come with them). */
function productionPackages() {
  const modules = join(root, 'node_modules') + sep;
  const paths = run('npm', ['ls', '--omit=dev', '--all', '--parseable'], root)
    .split('\n')
    .filter((line) => line.startsWith(modules))
    .map((line) => relative(root, line))
    .sort();
  return paths.filter((path, index) => !paths.slice(0, index).some((outer) => path.startsWith(outer + sep)));
}

/** A compiled module keeps its .node file only: not the compiler's objects and archives. */
function keepBinaryOnly(build) {
  if (!existsSync(build)) return;
  for (const entry of readdirSync(build)) if (entry !== 'Release') rmSync(join(build, entry), { recursive: true, force: true });
  for (const entry of readdirSync(join(build, 'Release'))) {
    if (!entry.endsWith('.node')) rmSync(join(build, 'Release', entry), { recursive: true, force: true });
  }
}

/** What a running server never reads: build leftovers, sources, other platforms' binaries. */
function trimNativeModules(modules) {
  keepBinaryOnly(join(modules, 'sqlite3', 'build'));
  for (const folder of ['deps', 'src']) rmSync(join(modules, 'sqlite3', folder), { recursive: true, force: true });
  keepBinaryOnly(join(modules, 'argon2', 'build'));
  const prebuilds = join(modules, 'argon2', 'prebuilds');
  if (existsSync(prebuilds)) {
    for (const entry of readdirSync(prebuilds)) if (entry !== target) rmSync(join(prebuilds, entry), { recursive: true, force: true });
  }
}

function main() {
  const outIndex = process.argv.indexOf('--out');
  const out = outIndex > 0 ? process.argv[outIndex + 1] : root;
  for (const needed of ['dist/main.js', 'dist/monitor.js', 'dist/public/index.html']) {
    if (!existsSync(join(root, needed))) throw new Error(`${needed} is missing: run \`npm run build\` first (npm run release does)`);
  }
  mkdirSync(out, { recursive: true });
  const work = mkdtempSync(join(out, '.release-'));
  try {
    const stage = join(work, name);
    mkdirSync(join(stage, 'deploy'), { recursive: true });
    cpSync(join(root, 'dist'), join(stage, 'dist'), { recursive: true, filter: (source) => !source.endsWith('.tsbuildinfo') });
    cpSync(join(root, 'config'), join(stage, 'config'), { recursive: true });
    for (const file of ['package.json', 'package-lock.json', 'README.md']) cpSync(join(root, file), join(stage, file));
    for (const file of ['healthcheck.service', 'healthcheck.env']) cpSync(join(root, 'deploy', file), join(stage, 'deploy', file));
    cpSync(join(root, 'deploy', 'install.sh'), join(stage, 'install.sh'));
    chmodSync(join(stage, 'install.sh'), 0o755);
    writeFileSync(join(stage, 'VERSION'), `${pkg.version}\n`);
    writeFileSync(join(stage, 'ARCH'), `${target}\n`);

    for (const path of productionPackages()) cpSync(join(root, path), join(stage, path), { recursive: true, verbatimSymlinks: true });
    // npm itself checks the copy against package-lock.json and removes anything a production
    // install would not have; --offline: nothing may come from the network.
    run('npm', ['prune', '--omit=dev', '--offline', '--ignore-scripts', '--no-audit', '--no-fund'], stage);
    rmSync(join(stage, 'node_modules', '.bin'), { recursive: true, force: true });
    trimNativeModules(join(stage, 'node_modules'));

    const tarball = join(out, `${name}.tar.gz`);
    run('tar', ['--owner=0', '--group=0', '--numeric-owner', '-czf', tarball, '-C', work, name], root);
    const mib = (statSync(tarball).size / 1024 / 1024).toFixed(1);
    process.stdout.write(`${relative(process.cwd(), tarball) || basename(tarball)}: ${mib} MiB\n`);
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
}

try {
  main();
} catch (error) {
  process.stderr.write(`release: ${error.message}\n`);
  process.exit(1);
}
