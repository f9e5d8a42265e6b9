import type { Permission } from './decorators/require-permission.decorator';

export type Role = 'viewer' | 'technicien' | 'admin';

/** Who is making a request, as the global auth guard attaches it to `request.user`. */
export interface AuthUser {
  id: number;
  username: string;
  role: Role;
  permissions: Permission[];
  /** The session (one per login) the bearer token belongs to. */
  sessionId: string;
  mustChangePassword: boolean;
}
