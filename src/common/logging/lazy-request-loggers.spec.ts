import pino from 'pino';
import { Writable } from 'node:stream';
import type { FastifyBaseLogger } from 'fastify';
import { makeRequestLoggersLazy } from './lazy-request-loggers';

function logger(level: string) {
  const lines: Record<string, unknown>[] = [];
  const stream = new Writable({
    write(chunk, _encoding, done) {
      lines.push(JSON.parse(String(chunk)));
      done();
    },
  });
  const root = pino({ level }, stream) as unknown as FastifyBaseLogger;
  const made = jest.spyOn(Object.getPrototypeOf(root), 'child');
  makeRequestLoggersLazy(root);
  return { root, lines, made, flush: () => new Promise((done) => setImmediate(done)) };
}

describe('lazy request loggers', () => {
  it('builds no pino child for a request that logs nothing, nor for a message below the level', async () => {
    const { root, made, lines, flush } = logger('info');
    for (let i = 0; i < 100; i += 1) root.child({ reqId: `r${i}` }, { level: 'info' });
    expect(made).not.toHaveBeenCalled();
    const quiet = root.child({ reqId: 'quiet' }, { level: 'info' });
    expect(quiet.level).toBe('info');
    quiet.debug('not written');
    await flush();
    expect(lines).toEqual([]);
  });

  it('writes through a child bound to the request id, at the first message', async () => {
    const { root, made, lines, flush } = logger('info');
    const child = root.child({ reqId: 'abc' }, { level: 'info' });
    child.error({ statusCode: 500 }, 'boom');
    child.info('second');
    await flush();
    expect(made).toHaveBeenCalledTimes(1);
    expect(lines.map(({ reqId, msg, level, statusCode }) => ({ reqId, msg, level, statusCode }))).toEqual([
      { reqId: 'abc', msg: 'boom', level: 50, statusCode: 500 },
      { reqId: 'abc', msg: 'second', level: 30, statusCode: undefined },
    ]);
  });

  it("a child's children keep its bindings; the root still logs as before", async () => {
    const { root, lines, flush } = logger('debug');
    root.child({ reqId: 'r1' }).child({ plugin: 'p' }).debug('deep');
    root.info('root');
    await flush();
    expect(lines.map(({ reqId, plugin, msg }) => ({ reqId, plugin, msg }))).toEqual([
      { reqId: 'r1', plugin: 'p', msg: 'deep' },
      { reqId: undefined, plugin: undefined, msg: 'root' },
    ]);
  });
});
