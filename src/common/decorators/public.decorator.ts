import { applyDecorators, SetMetadata } from '@nestjs/common';
import { DECORATORS } from '@nestjs/swagger';

export const IS_PUBLIC_KEY = 'isPublic';

/**
 * Swagger's `security: []` (no token needed) on the operation. @nestjs/swagger drops an empty
 * `@ApiSecurity` list, so it is merged into the operation's own metadata, whichever order the
 * decorators are written in.
 */
const ApiNoSecurity = (): MethodDecorator => (_target, _key, descriptor) => {
  const operation = Reflect.getMetadata(DECORATORS.API_OPERATION, descriptor.value as object) ?? {};
  Reflect.defineMetadata(DECORATORS.API_OPERATION, { ...operation, security: [] }, descriptor.value as object);
  return descriptor;
};

/** Marks a route that needs no token (`/health`, `/login`), and documents it so. */
export const Public = () => applyDecorators(SetMetadata(IS_PUBLIC_KEY, true), ApiNoSecurity());
