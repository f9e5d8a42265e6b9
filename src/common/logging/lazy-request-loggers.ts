import type { FastifyBaseLogger } from 'fastify';

type Bindings = Record<string, unknown>;
type ChildOptions = Record<string, unknown> | undefined;
type PinoChild = (this: FastifyBaseLogger, bindings: Bindings, options: ChildOptions) => FastifyBaseLogger;
type Method = 'fatal' | 'error' | 'warn' | 'info' | 'debug' | 'trace' | 'silent';

/**
 * Fastify gives every request a child of its logger (`request.log`, bound to the request id): a pino
 * child costs about half a microsecond, on every metric read, for a logger that logs nothing at the
 * default level. This one takes the bindings and builds the pino child only when a message is
 * actually written through it (an error, or the per-request line at debug level).
 */
class LazyChildLogger {
  private real: FastifyBaseLogger | undefined;

  constructor(
    private readonly parent: FastifyBaseLogger,
    private readonly pinoChild: PinoChild,
    private readonly childBindings: Bindings,
    private readonly options: ChildOptions,
  ) {}

  /** The pino child, built at the first message. */
  private logger(): FastifyBaseLogger {
    return (this.real ??= this.pinoChild.call(this.parent, this.childBindings, this.options));
  }

  get level(): string {
    return this.real?.level ?? (typeof this.options?.level === 'string' ? this.options.level : this.parent.level);
  }
  set level(level: string) {
    this.logger().level = level;
  }

  fatal(...args: unknown[]): void {
    this.write('fatal', args);
  }
  error(...args: unknown[]): void {
    this.write('error', args);
  }
  warn(...args: unknown[]): void {
    this.write('warn', args);
  }
  info(...args: unknown[]): void {
    this.write('info', args);
  }
  debug(...args: unknown[]): void {
    this.write('debug', args);
  }
  trace(...args: unknown[]): void {
    this.write('trace', args);
  }
  silent(): void {}

  child(bindings: Bindings, options?: ChildOptions): FastifyBaseLogger {
    return this.logger().child(bindings, options);
  }

  bindings(): Bindings {
    return this.real ? (this.real as unknown as { bindings(): Bindings }).bindings() : { ...this.childBindings };
  }

  isLevelEnabled(level: string): boolean {
    return (this.logger() as unknown as { isLevelEnabled(level: string): boolean }).isLevelEnabled(level);
  }

  private write(method: Method, args: unknown[]): void {
    const logger = this.logger() as unknown as Record<Method, (...args: unknown[]) => void>;
    logger[method](...args);
  }
}

/**
 * Makes the children of Fastify's root logger (`request.log`, `reply.log`) lazy: call it on
 * `fastify.log` before the first request. Messages, levels and bindings are unchanged.
 */
export function makeRequestLoggersLazy(root: FastifyBaseLogger): void {
  const pinoChild = root.child as unknown as PinoChild;
  // Pino's children inherit from their parent: a real child's own children are lazy too, and bound to it.
  Object.defineProperty(root, 'child', {
    configurable: true,
    writable: true,
    value: function lazyChild(this: FastifyBaseLogger, bindings: Bindings, options?: ChildOptions): FastifyBaseLogger {
      return new LazyChildLogger(this, pinoChild, bindings, options) as unknown as FastifyBaseLogger;
    },
  });
}
