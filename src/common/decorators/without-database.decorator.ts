import { SetMetadata } from '@nestjs/common';

export const WITHOUT_DATABASE_KEY = 'withoutDatabase';

/**
 * A POST/PUT/DELETE route that still works while the database is not writable (diagnostic commands:
 * they are what an operator reaches for then). Other writes answer 503 in that state.
 */
export const WithoutDatabase = () => SetMetadata(WITHOUT_DATABASE_KEY, true);
