#!/usr/bin/env node
// The ceiling of this machine: a bare Fastify server (no hook, no logger) answering each measured
// route with the very answer HealthCheck gave for it (fetched once by the bench), serialized on
// every request as any route would be.
// Usage: node bench/bare-fastify.js <port> <answers.json>   (answers: { "/cpu": { type, body } })
const { readFileSync } = require('node:fs');
const fastify = require('fastify');

const port = Number(process.argv[2] || 0);
const answers = JSON.parse(readFileSync(process.argv[3], 'utf8'));
const app = fastify({ logger: false });
for (const [path, answer] of Object.entries(answers)) {
  if (answer.type === 'json') app.get(path, async () => answer.body);
  else app.get(path, async (_request, reply) => reply.type(answer.contentType).send(answer.body));
}
app.listen({ port, host: '127.0.0.1' }).then(() => process.stdout.write(`bare fastify on ${port}\n`));
