import { CallHandler, ExecutionContext, HttpException, Injectable, NestInterceptor } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import type { FastifyRequest } from 'fastify';
import { catchError, from, mergeMap, Observable } from 'rxjs';
import type { AuthUser } from '../common/auth-user';
import { sanitize } from './audit-details';
import { AUDIT_KEY, AuditMetadata } from './audit.decorator';
import { AuditService } from './audit.service';

type AuditedRequest = FastifyRequest & { user?: AuthUser };

/**
 * Writes an audit entry for a route marked `@Audit`, which puts this interceptor on that route only;
 * the metadata is read once per handler.
 */
@Injectable()
export class AuditInterceptor implements NestInterceptor {
  private readonly metadata = new Map<unknown, AuditMetadata | null>();

  constructor(
    private readonly reflector: Reflector,
    private readonly audit: AuditService,
  ) {}

  intercept(context: ExecutionContext, next: CallHandler): Observable<unknown> {
    const handler = context.getHandler();
    let meta = this.metadata.get(handler);
    if (meta === undefined) {
      meta = this.reflector.get<AuditMetadata | undefined>(AUDIT_KEY, handler) ?? null;
      this.metadata.set(handler, meta);
    }
    if (meta === null || context.getType() !== 'http') return next.handle();
    const audit = meta;
    const request = context.switchToHttp().getRequest<AuditedRequest>();
    return next.handle().pipe(
      mergeMap((result) => from(this.write(audit, request, result, null).then(() => result))),
      catchError((error: unknown) => from(this.write(audit, request, undefined, error).then(() => Promise.reject(error)))),
    );
  }

  private write(meta: AuditMetadata, request: AuditedRequest, result: unknown, error: unknown): Promise<void> {
    const body = isObject(request.body) ? request.body : {};
    const params = (request.params ?? {}) as Record<string, string>;
    const answer = isObject(result) ? result : {};
    const failed = error !== null || ranBadly(answer);
    const details: Record<string, unknown> = {};
    const asked = sanitize(body) as Record<string, unknown>;
    if (Object.keys(asked).length > 0) details.request = asked;
    if (typeof answer.outcome === 'string') details.outcome = answer.outcome;
    if (typeof answer.exit_code !== 'undefined') {
      Object.assign(details, { exit_code: answer.exit_code, timed_out: answer.timed_out, duration_ms: answer.duration_ms });
    }
    if (error !== null) {
      const status = error instanceof HttpException ? error.getStatus() : 500;
      const response = error instanceof HttpException ? error.getResponse() : null;
      const message = isObject(response) && typeof response.message === 'string' ? response.message : undefined;
      Object.assign(details, { status, ...(message && status < 500 ? { error: message } : {}) });
    }
    const isLogin = meta.action === 'login';
    const user = request.user;
    const answerUser = isObject(answer.user) ? answer.user : {};
    const bodyName = typeof body.username === 'string' ? body.username.slice(0, 64) : null;
    const bodyTarget = bodyName ?? (typeof body.name === 'string' ? body.name.slice(0, 64) : null);
    return this.audit.record({
      action: isLogin && failed ? 'login_failed' : meta.action,
      outcome: failed ? 'failure' : 'success',
      userId: user?.id ?? (isLogin && typeof answerUser.id === 'number' ? answerUser.id : null),
      username: user?.username ?? (isLogin ? bodyName : null),
      sourceIp: request.ip ?? null,
      target: (meta.target ?? params.name ?? params.id ?? bodyTarget ?? null)?.slice(0, 100) ?? null,
      details,
    });
  }
}

function isObject(value: unknown): value is Record<string, any> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** A command that ran but failed (non-zero exit, killed) is an audited failure. */
function ranBadly(answer: Record<string, any>): boolean {
  return (answer.exit_code !== undefined && answer.exit_code !== 0) || answer.timed_out === true || answer.outcome === 'failed';
}
