#!/usr/bin/env node
// Assembles postman/src/NN-*.js (one folder each, in file-name order) into the v2.1 collection.
// `node postman/build.js --check` fails when the committed collection is not what the sources give.
const { readdirSync, readFileSync, writeFileSync, existsSync } = require('node:fs');
const { join } = require('node:path');

const src = join(__dirname, 'src');
const target = join(__dirname, 'healthcheck.postman_collection.json');

function build() {
  const folders = readdirSync(src)
    .filter((name) => /^\d{2}-.*\.js$/.test(name))
    .sort()
    .map((name) => require(join(src, name)));
  return {
    info: {
      _postman_id: 'b7a0f7a4-5e0b-4f3c-9a57-2f1c1f0e6c01',
      name: 'HealthCheck API',
      description:
        'Every endpoint of HealthCheck with tests on status and shape. Run it in order (Runner or `npm run test:postman`): ' +
        'it logs in, changes the default password, then exercises every route.',
      schema: 'https://schema.getpostman.com/json/collection/v2.1.0/collection.json',
    },
    item: folders,
    variable: [],
  };
}

const text = JSON.stringify(build(), null, 2) + '\n';
if (process.argv.includes('--check')) {
  if (!existsSync(target) || readFileSync(target, 'utf8') !== text) {
    process.stderr.write('postman/healthcheck.postman_collection.json is out of date: run `node postman/build.js`.\n');
    process.exit(1);
  }
} else {
  writeFileSync(target, text);
  process.stdout.write(`Wrote ${target}\n`);
}
