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
  override transform(value: unknown, metadata: ArgumentMetadata): Promise<unknown> {
    if (metadata.type === 'param') return Promise.resolve(value);
    return super.transform(value, metadata);
  }
}

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
