import type { Role } from '../common/auth-user';
import type { Permission } from '../common/decorators/require-permission.decorator';

export const ROLES: Role[] = ['viewer', 'technicien', 'admin'];

/** What each role may do; frozen arrays shared by every request (never mutated). */
export const ROLE_PERMISSIONS: Readonly<Record<Role, readonly Permission[]>> = Object.freeze({
  viewer: Object.freeze(['read'] as Permission[]),
  technicien: Object.freeze(['read', 'execute'] as Permission[]),
  admin: Object.freeze(['read', 'execute', 'config', 'users'] as Permission[]),
});

export function permissionsOf(role: Role): Permission[] {
  return [...ROLE_PERMISSIONS[role]];
}

export function hasPermission(role: Role, permission: Permission): boolean {
  return ROLE_PERMISSIONS[role].includes(permission);
}
