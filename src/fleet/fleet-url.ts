/**
 * A probe's base URL as stored: scheme, host, port and path without a trailing slash. Credentials,
 * a query or a fragment would leak into every poll (or break the paths the page appends): refused.
 * Returns undefined when the URL cannot be a probe's base URL.
 */
export function normaliseProbeUrl(raw: string): string | undefined {
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    return undefined;
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') return undefined;
  if (url.username || url.password || url.search || url.hash) return undefined;
  return `${url.protocol}//${url.host}${url.pathname.replace(/\/+$/, '')}`;
}
