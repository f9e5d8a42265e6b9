import { applyDecorators, SetMetadata } from '@nestjs/common';
import { ApiExtension } from '@nestjs/swagger';

export const WITHOUT_DATABASE_KEY = 'withoutDatabase';
/** The OpenAPI mark of those routes: src/swagger.ts documents the write gate's 503 on every other write. */
export const WITHOUT_DATABASE_EXTENSION = 'x-works-without-database';

/**
 * A POST/PUT/DELETE route that still works while the database is not writable (diagnostic commands:
 * they are what an operator reaches for then). Other writes answer 503 in that state.
 */
export const WithoutDatabase = () =>
  applyDecorators(SetMetadata(WITHOUT_DATABASE_KEY, true), ApiExtension(WITHOUT_DATABASE_EXTENSION, true));
