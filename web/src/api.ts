import { session } from './session';

/** An error answered by the API, kept in its own words (`error` and `message`). */
export class ApiFailure extends Error {
  constructor(
    readonly status: number,
    readonly error: string,
    readonly detail: string,
    readonly details: string[] = [],
    /** The parsed answer, when it was JSON (a probe's `/health` 503 carries `status` and `reason`). */
    readonly body?: any,
  ) {
    super(`${error} : ${detail}`);
  }
}

type AuthListener = (reason: 'logged-out' | 'must-change', message: string) => void;
const listeners = new Set<AuthListener>();
export const onAuthChange = (listener: AuthListener) => listeners.add(listener);

interface CallOptions {
  method?: string;
  body?: unknown;
  /** Another probe: no token, no session handling. */
  base?: string;
  timeoutMs?: number;
}

export async function api<T>(path: string, options: CallOptions = {}): Promise<T> {
  const { method = 'GET', body, base, timeoutMs = 10_000 } = options;
  const headers: Record<string, string> = { accept: 'application/json' };
  const token = base === undefined ? session.get()?.token : undefined;
  if (token) headers.authorization = `Bearer ${token}`;
  if (body !== undefined) headers['content-type'] = 'application/json';
  let response: Response;
  try {
    response = await fetch((base ?? '') + path, {
      method,
      headers,
      body: body === undefined ? undefined : JSON.stringify(body),
      signal: AbortSignal.timeout(timeoutMs),
      cache: 'no-store',
    });
  } catch {
    throw new ApiFailure(0, 'Serveur injoignable', `Pas de réponse de ${base ?? location.origin}`);
  }
  const text = await response.text();
  let parsed: any;
  try {
    parsed = text ? JSON.parse(text) : undefined;
  } catch {
    parsed = undefined;
  }
  if (response.ok) return parsed as T;
  const failure = new ApiFailure(
    response.status,
    typeof parsed?.error === 'string' ? parsed.error : `HTTP ${response.status}`,
    typeof parsed?.message === 'string' ? parsed.message : response.statusText,
    Array.isArray(parsed?.details) ? parsed.details : [],
    parsed,
  );
  if (base === undefined && token) {
    // Several calls run at once: only the first to notice tells the page.
    const current = session.get();
    if (response.status === 401 && current?.token === token) {
      session.clear();
      listeners.forEach((listener) => listener('logged-out', failure.message));
    } else if (response.status === 403 && failure.error === 'Changement de mot de passe requis' && current && !current.must_change_password) {
      session.set({ ...current, must_change_password: true });
      listeners.forEach((listener) => listener('must-change', failure.message));
    }
  }
  throw failure;
}

/** The text shown for any failure: the API's own words when it answered. */
export function describe(error: unknown): string {
  if (error instanceof ApiFailure) return error.message;
  return error instanceof Error ? error.message : String(error);
}
