import { ArgumentMetadata, ValidationError, ValidationPipe } from '@nestjs/common';
import { ApiError, ERROR_LABELS } from '../http/api-error';

/** Flattens nested validation errors into readable lines ("cpu.warning: ..."). */
export function describeValidationErrors(errors: ValidationError[], parent = ''): string[] {
  const lines: string[] = [];
  for (const error of errors) {
    const path = parent ? `${parent}.${error.property}` : error.property;
    for (const [rule, text] of Object.entries(error.constraints ?? {})) {
      if (rule === 'whitelistValidation') lines.push(`Le champ '${path}' n'est pas autorisé`);
      else if (text.startsWith('Le ') || text.startsWith('La ') || text.startsWith("L'")) lines.push(text);
      else lines.push(`${path}: ${text}`);
    }
    lines.push(...describeValidationErrors(error.children ?? [], path));
  }
  return lines;
}

/**
 * Path parameters reach their own pipe (e.g. `IdParamPipe`) as the client wrote them: the global
 * conversion would turn `abc` into NaN and `1e3` into 1000 before anything could check them.
 */
class ApiValidationPipe extends ValidationPipe {
  /** Valid query objects per DTO class, by query string: pollers ask the same few URLs all day. */
  private readonly queries = new Map<unknown, Map<string, unknown>>();

  override transform(value: unknown, metadata: ArgumentMetadata): Promise<unknown> {
    if (metadata.type === 'param') return Promise.resolve(value);
    if (metadata.type === 'query' && metadata.data === undefined && isDtoClass(metadata.metatype)) {
      return this.transformQuery(value, metadata);
    }
    return super.transform(value, metadata);
  }

  /**
   * A query DTO is validated once per distinct query string (class-validator is most of a
   * `/processes/top` request otherwise). The cached DTO is frozen: handlers only read it. Errors are
   * not cached, and the cache is bounded.
   */
  private async transformQuery(value: unknown, metadata: ArgumentMetadata): Promise<unknown> {
    let cache = this.queries.get(metadata.metatype);
    if (cache === undefined) this.queries.set(metadata.metatype, (cache = new Map()));
    const key = JSON.stringify(value ?? null);
    const known = cache.get(key);
    if (known !== undefined) return known;
    const result = Object.freeze(await super.transform(value, metadata));
    if (cache.size >= QUERY_CACHE_SIZE) cache.delete(cache.keys().next().value as string);
    cache.set(key, result);
    return result;
  }
}

const QUERY_CACHE_SIZE = 100;
const NOT_DTOS: unknown[] = [String, Boolean, Number, Array, Object, Buffer, Date];
const isDtoClass = (metatype: unknown): boolean => typeof metatype === 'function' && !NOT_DTOS.includes(metatype);

/** The global pipe: unknown fields are a 400, types are converted, errors take the API's shape. */
export function createValidationPipe(): ValidationPipe {
  return new ApiValidationPipe({
    whitelist: true,
    forbidNonWhitelisted: true,
    transform: true,
    exceptionFactory: (errors) => {
      const details = describeValidationErrors(errors);
      return new ApiError(400, ERROR_LABELS[400], details[0] ?? ERROR_LABELS[400], details);
    },
  });
}
