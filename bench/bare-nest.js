#!/usr/bin/env node
// The floor of the framework: NestJS with the Fastify adapter and nothing else (no guard, no hook, no
// logger), one controller answering GET /system with a JSON object of the same size as HealthCheck's
// /system, and /health. Whatever HealthCheck spends above this is its own (auth, headers, ids).
// Usage: node bench/bare-nest.js <port> <json-file>
require('reflect-metadata');
const { readFileSync } = require('node:fs');
const { Controller, Get, Module } = require('@nestjs/common');
const { NestFactory } = require('@nestjs/core');
const { FastifyAdapter } = require('@nestjs/platform-fastify');

const port = Number(process.argv[2] || 0);
const body = JSON.parse(readFileSync(process.argv[3], 'utf8'));

class BareController {
  system() {
    return body;
  }
  health() {
    return { status: 'UP', hostname: body.hostname ?? 'host', checked_at: body.checked_at ?? '' };
  }
}
for (const [method, path] of [['system', 'system'], ['health', 'health']]) {
  Get(path)(BareController.prototype, method, Object.getOwnPropertyDescriptor(BareController.prototype, method));
}
Controller()(BareController);
class BareModule {}
Module({ controllers: [BareController] })(BareModule);

NestFactory.create(BareModule, new FastifyAdapter(), { logger: false })
  .then((app) => app.listen(port, '127.0.0.1'))
  .then(() => process.stdout.write(`bare NestJS on ${port}\n`));
