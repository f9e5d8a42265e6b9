#!/usr/bin/env node
// The floor of the framework: NestJS with the Fastify adapter and nothing else (no guard, no hook,
// no logger), one controller answering each measured route with the very answer HealthCheck gave for
// it (the same object, serialized on every request). Whatever HealthCheck spends above this is its
// own (auth, headers, request ids, hooks).
// Usage: node bench/bare-nest.js <port> <answers.json>   (answers: { "/cpu": { type, body } })
// bench/profile.js also builds it in its own process (`createBareNest(answers)`).
require('reflect-metadata');
const { readFileSync } = require('node:fs');
const { Controller, Get, Header, Module } = require('@nestjs/common');
const { NestFactory } = require('@nestjs/core');
const { FastifyAdapter } = require('@nestjs/platform-fastify');

/** The bare NestJS application answering `answers` (not listening yet). */
function createBareNest(answers) {
  class BareController {}
  for (const [index, [path, answer]] of Object.entries(answers).entries()) {
    const method = `route${index}`;
    BareController.prototype[method] = () => answer.body;
    const descriptor = Object.getOwnPropertyDescriptor(BareController.prototype, method);
    Get(path)(BareController.prototype, method, descriptor);
    if (answer.type !== 'json') Header('content-type', answer.contentType)(BareController.prototype, method, descriptor);
  }
  Controller()(BareController);
  class BareModule {}
  Module({ controllers: [BareController] })(BareModule);
  return NestFactory.create(BareModule, new FastifyAdapter(), { logger: false });
}

if (require.main === module) {
  const port = Number(process.argv[2] || 0);
  const answers = JSON.parse(readFileSync(process.argv[3], 'utf8'));
  createBareNest(answers)
    .then((app) => app.listen(port, '127.0.0.1'))
    .then(() => process.stdout.write(`bare NestJS on ${port}\n`));
}

module.exports = { createBareNest };
