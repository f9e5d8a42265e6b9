import type { AddressInfo } from 'node:net';

const WILDCARDS = new Set(['0.0.0.0', '::', '[::]']);

const hostPart = (host: string) => (host.includes(':') && !host.startsWith('[') ? `[${host}]` : host);

/**
 * The address the server is bound to, as HOST names it, with the port it really got
 * (`http://0.0.0.0:3000`): not what `app.getUrl()` makes of it (`127.0.0.1` for a wildcard).
 */
export function listenUrl(host: string, address: AddressInfo | string | null): string {
  const port = typeof address === 'object' && address !== null ? address.port : undefined;
  return `http://${hostPart(host)}${port === undefined ? '' : `:${port}`}`;
}

/** A URL to type on the machine itself: `localhost` when bound to every interface. */
export function browseUrl(host: string, address: AddressInfo | string | null): string {
  return listenUrl(WILDCARDS.has(host) ? 'localhost' : host, address);
}
