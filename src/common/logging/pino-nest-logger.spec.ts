import { Logger } from '@nestjs/common';
import type { FastifyBaseLogger } from 'fastify';
import { PinoNestLogger } from './pino-nest-logger';

function recorder() {
  const calls: Array<[string, Record<string, unknown>, string]> = [];
  const pino = Object.fromEntries(
    ['fatal', 'error', 'warn', 'info', 'debug', 'trace'].map((level) => [level, (fields: Record<string, unknown>, msg: string) => calls.push([level, fields, msg])]),
  ) as unknown as FastifyBaseLogger;
  return { calls, logger: new PinoNestLogger(pino) };
}

describe('PinoNestLogger', () => {
  it("maps Nest's levels and keeps the context as a field", () => {
    const { calls, logger } = recorder();
    logger.log('started', 'NestApplication');
    logger.warn('careful', 'Dashboard');
    logger.debug('detail', 'Audit');
    logger.verbose('noise', 'Audit');
    logger.fatal('gone');
    expect(calls).toEqual([
      ['info', { context: 'NestApplication' }, 'started'],
      ['warn', { context: 'Dashboard' }, 'careful'],
      ['debug', { context: 'Audit' }, 'detail'],
      ['trace', { context: 'Audit' }, 'noise'],
      ['fatal', {}, 'gone'],
    ]);
  });

  it("writes Nest's module and route mapping at debug, its other messages at info", () => {
    const { calls, logger } = recorder();
    logger.log('AppModule dependencies initialized', 'InstanceLoader');
    logger.log('Mapped {/health, GET} route', 'RouterExplorer');
    logger.log('HealthController {/health}:', 'RoutesResolver');
    logger.log('Starting Nest application...', 'NestFactory');
    logger.log('Nest application successfully started', 'NestApplication');
    expect(calls.map(([level, fields]) => [level, fields.context])).toEqual([
      ['debug', 'InstanceLoader'],
      ['debug', 'RouterExplorer'],
      ['debug', 'RoutesResolver'],
      ['debug', 'NestFactory'],
      ['info', 'NestApplication'],
    ]);
  });

  it('reads an error call as (message, stack, context), whatever a Logger instance passes', () => {
    const { calls, logger } = recorder();
    Logger.overrideLogger(logger);
    try {
      new Logger('Commands').error('failed');
      new Logger('Commands').error('failed again', 'Error: x\n    at y');
    } finally {
      Logger.overrideLogger(false as never);
    }
    expect(calls).toEqual([
      ['error', { context: 'Commands' }, 'failed'],
      ['error', { context: 'Commands', stack: 'Error: x\n    at y' }, 'failed again'],
    ]);
  });

  it('keeps an Error as err', () => {
    const { calls, logger } = recorder();
    const error = new Error('boom');
    logger.error(error, undefined, 'Errors');
    expect(calls).toEqual([['error', { context: 'Errors', err: error }, 'boom']]);
  });
});
