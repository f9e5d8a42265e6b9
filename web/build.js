#!/usr/bin/env node
// Bundles the dashboard (web/src) into dist/public: index.html + assets/app.js + assets/app.css.
// Run by `npm run build` after `nest build` (which empties dist/), and by the browser test.
const { cpSync, mkdirSync, rmSync, renameSync, statSync, readdirSync, existsSync } = require('node:fs');
const { join } = require('node:path');

const webDir = __dirname;
const defaultOut = join(webDir, '..', 'dist', 'public');

async function buildWeb({ outdir = defaultOut, minify = true } = {}) {
  const esbuild = require('esbuild');
  // Built aside, then swapped in: a server (or a test) reading outdir meanwhile never sees it half written.
  const staging = `${outdir}.building-${process.pid}`;
  rmSync(staging, { recursive: true, force: true });
  mkdirSync(join(staging, 'assets'), { recursive: true });
  try {
    await esbuild.build({
      entryPoints: { app: join(webDir, 'src', 'main.ts') },
      bundle: true,
      outdir: join(staging, 'assets'),
      format: 'iife',
      target: ['es2020'],
      minify,
      legalComments: 'linked',
      logLevel: 'warning',
    });
    cpSync(join(webDir, 'index.html'), join(staging, 'index.html'));
    const old = `${outdir}.old-${process.pid}`;
    if (existsSync(outdir)) renameSync(outdir, old);
    renameSync(staging, outdir);
    rmSync(old, { recursive: true, force: true });
  } finally {
    rmSync(staging, { recursive: true, force: true });
  }
  return outdir;
}

/** The newest modification time under a folder (0 when missing). */
function newest(dir) {
  if (!existsSync(dir)) return 0;
  let latest = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    latest = Math.max(latest, entry.isDirectory() ? newest(path) : statSync(path).mtimeMs);
  }
  return latest;
}

/** True when the built dashboard is missing or older than web/. */
function webIsStale(outdir = defaultOut) {
  const index = join(outdir, 'index.html');
  return !existsSync(index) || newest(webDir) > statSync(index).mtimeMs;
}

module.exports = { buildWeb, webIsStale, defaultOut };

if (require.main === module) {
  buildWeb().then(
    (outdir) => process.stdout.write(`Dashboard built into ${outdir}\n`),
    (error) => {
      process.stderr.write(`${error.stack ?? error}\n`);
      process.exit(1);
    },
  );
}
