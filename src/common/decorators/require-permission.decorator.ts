import { applyDecorators, SetMetadata } from '@nestjs/common';
import { ApiBearerAuth, ApiForbiddenResponse, ApiOperation, ApiUnauthorizedResponse } from '@nestjs/swagger';
import { ApiErrorDto } from '../http/api-error.dto';

export type Permission = 'read' | 'execute' | 'config' | 'users';

export const PERMISSION_KEY = 'permission';
export const METRIC_READ_KEY = 'metricRead';

/**
 * The permission a route needs. Also documents it in Swagger (bearer scheme, 401/403), so that
 * security and documentation cannot drift apart.
 */
export const RequirePermission = (permission: Permission, summary?: string, note?: string) =>
  applyDecorators(
    SetMetadata(PERMISSION_KEY, permission),
    ApiBearerAuth(),
    ApiOperation({ summary, description: `Permission requise : \`${permission}\`.${note ? ` ${note}` : ''}` }),
    ApiUnauthorizedResponse({ description: 'Token manquant ou invalide', type: ApiErrorDto }),
    ApiForbiddenResponse({ description: `Permission '${permission}' requise`, type: ApiErrorDto }),
  );

/** A metrics GET: needs `read`, unless `PUBLIC_METRICS=true` opens it to everyone. */
export const MetricRead = (summary: string) =>
  applyDecorators(
    RequirePermission('read', summary, 'Ouvert sans token quand `PUBLIC_METRICS=true`.'),
    SetMetadata(METRIC_READ_KEY, true),
  );
