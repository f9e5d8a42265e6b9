import type { User } from './types';

/**
 * The login lives in sessionStorage: it survives a reload but not the closing of the tab, and is
 * not shared with other tabs or sent automatically like a cookie (so no CSRF to defend against).
 */
export interface Session {
  token: string;
  user: User;
  expires_at: string;
  must_change_password: boolean;
}

const KEY = 'healthcheck.session';

export const session = {
  get(): Session | undefined {
    try {
      const raw = sessionStorage.getItem(KEY);
      const value = raw ? (JSON.parse(raw) as Session) : undefined;
      if (value && Date.parse(value.expires_at) <= Date.now()) {
        sessionStorage.removeItem(KEY);
        return undefined;
      }
      return value;
    } catch {
      return undefined;
    }
  },
  set(value: Session): void {
    sessionStorage.setItem(KEY, JSON.stringify(value));
  },
  clear(): void {
    sessionStorage.removeItem(KEY);
  },
  can(permission: string): boolean {
    return session.get()?.user.permissions.includes(permission) ?? false;
  },
};
