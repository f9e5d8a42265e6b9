import { applyDecorators } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiUnauthorizedResponse } from '@nestjs/swagger';
import { ApiErrorDto } from '../http/api-error.dto';

/** A route for any logged-in user, whatever the role (`/me`, `/logout`): documents the bearer scheme. */
export const Authenticated = (summary: string) =>
  applyDecorators(
    ApiBearerAuth(),
    ApiOperation({ summary, description: 'Token requis (tout rôle).' }),
    ApiUnauthorizedResponse({ description: 'Token manquant ou invalide', type: ApiErrorDto }),
  );
