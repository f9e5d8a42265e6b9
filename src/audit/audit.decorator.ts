import { applyDecorators, SetMetadata, UseInterceptors } from '@nestjs/common';
import { AuditInterceptor } from './audit.interceptor';

export const AUDIT_ACTIONS = [
  'login',
  'login_failed',
  'logout',
  'user.create',
  'user.update',
  'user.delete',
  'password.change',
  'thresholds.update',
  'discord.update',
  'discord.test',
  'command.run',
  'service.restart',
  // Beyond the list: who changed the fleet view.
  'fleet.add',
  'fleet.remove',
  // Issue 16: silences and the on-demand Discord check.
  'silence.create',
  'silence.delete',
  'discord.check',
] as const;
export type AuditAction = (typeof AUDIT_ACTIONS)[number];

export const AUDIT_KEY = 'audit';

export interface AuditOptions {
  /** A fixed target ('thresholds'); by default the route's `:name` or `:id`, else the body's `username` or `name`. */
  target?: string;
}

export interface AuditMetadata extends AuditOptions {
  action: AuditAction;
}

/**
 * Records the route in the audit trail once the handler has answered (success) or thrown (failure;
 * a failed `login` is written as `login_failed`). The actor is `request.user`, or for `/login` the
 * username of the body; body fields whose name suggests a secret are never kept. The interceptor is
 * put on these routes only: a global one would make Nest wrap every request (the metric reads too)
 * in RxJS observables and AsyncResource bindings.
 */
export const Audit = (action: AuditAction, options: AuditOptions = {}) =>
  applyDecorators(SetMetadata<string, AuditMetadata>(AUDIT_KEY, { action, ...options }), UseInterceptors(AuditInterceptor));
