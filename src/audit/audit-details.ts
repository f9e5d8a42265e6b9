/** Keys never written to the audit trail: passwords, tokens, secrets and webhook URLs (they hold a token). */
export const SECRET_KEY = /password|token|secret|webhook|authorization/i;

const MAX_STRING = 200;
const MAX_ITEMS = 20;
const MAX_DEPTH = 4;
const MAX_JSON = 2000;

/** A copy of a request body fit for the audit trail: no secrets, bounded in size. */
export function sanitize(value: unknown, depth = 0): unknown {
  if (value === null || typeof value === 'number' || typeof value === 'boolean') return value;
  if (typeof value === 'string') return value.length > MAX_STRING ? `${value.slice(0, MAX_STRING)}…` : value;
  if (depth >= MAX_DEPTH) return '…';
  if (Array.isArray(value)) return value.slice(0, MAX_ITEMS).map((item) => sanitize(item, depth + 1));
  if (typeof value === 'object') {
    const copy: Record<string, unknown> = {};
    for (const [key, item] of Object.entries(value as Record<string, unknown>).slice(0, MAX_ITEMS)) {
      if (SECRET_KEY.test(key)) continue;
      copy[key.slice(0, 64)] = sanitize(item, depth + 1);
    }
    return copy;
  }
  return undefined;
}

/** The details column: JSON of the sanitized object, or a marker when it would be too long. */
export function detailsJson(details: Record<string, unknown>): string | null {
  const clean = sanitize(details) as Record<string, unknown>;
  if (Object.keys(clean).length === 0) return null;
  const text = JSON.stringify(clean);
  return text.length <= MAX_JSON ? text : JSON.stringify({ truncated: true });
}
