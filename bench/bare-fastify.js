#!/usr/bin/env node
// The ceiling of this machine: a bare Fastify server answering GET /system with a JSON object of the
// same size as HealthCheck's /system (serialized on every request, as any route would), and /health.
// Usage: node bench/bare-fastify.js <port> <json-file>
const { readFileSync } = require('node:fs');
const fastify = require('fastify');

const port = Number(process.argv[2] || 0);
const body = JSON.parse(readFileSync(process.argv[3], 'utf8'));
const app = fastify({ logger: false });
app.get('/system', async () => body);
app.get('/health', async () => ({ status: 'UP', hostname: body.hostname ?? 'host', checked_at: body.checked_at ?? '' }));
app.listen({ port, host: '127.0.0.1' }).then(() => process.stdout.write(`bare fastify on ${port}\n`));
