import type { FastifyInstance } from 'fastify';
import { ApiError, ERROR_LABELS } from './api-error';

/** Far more than any body of this API needs; a deeper one is refused before it is parsed. */
export const MAX_JSON_DEPTH = 32;

const OPEN_OBJECT = 0x7b; // {
const OPEN_ARRAY = 0x5b; // [
const CLOSE_OBJECT = 0x7d; // }
const CLOSE_ARRAY = 0x5d; // ]
const QUOTE = 0x22; // "
const BACKSLASH = 0x5c; // \

/**
 * The deepest nesting of objects and arrays in a JSON text, counting brackets outside strings, in
 * one pass; stops as soon as `limit` is exceeded. Malformed text is left for the parser to refuse.
 */
export function jsonDepthExceeds(text: string, limit = MAX_JSON_DEPTH): boolean {
  let depth = 0;
  let inString = false;
  for (let i = 0; i < text.length; i += 1) {
    const code = text.charCodeAt(i);
    if (inString) {
      if (code === BACKSLASH) i += 1;
      else if (code === QUOTE) inString = false;
    } else if (code === QUOTE) {
      inString = true;
    } else if (code === OPEN_OBJECT || code === OPEN_ARRAY) {
      depth += 1;
      if (depth > limit) return true;
    } else if (code === CLOSE_OBJECT || code === CLOSE_ARRAY) {
      depth -= 1;
    }
  }
  return false;
}

/**
 * The API reads JSON and nothing else: every body parser is removed (Fastify's text/plain, Nest's
 * urlencoded), so any other content type on a body route is a 415 before guards run — a cross-site
 * HTML form cannot reach /login. The JSON parser is Fastify's own (size limit, `__proto__` and
 * `constructor` poisoning refused) behind a nesting cap: 5,000 nested brackets would otherwise
 * overflow the stack further on and answer 500. Call before `app.init()`, with Nest's own parsers
 * off (`bodyParser: false`).
 */
export function acceptJsonBodiesOnly(fastify: FastifyInstance): void {
  const parseJson = fastify.getDefaultJsonParser('error', 'error');
  fastify.removeAllContentTypeParsers();
  fastify.addContentTypeParser('application/json', { parseAs: 'string' }, (request, body, done) => {
    const text = String(body);
    if (jsonDepthExceeds(text)) {
      done(
        new ApiError(400, ERROR_LABELS[400], `Le corps de la requête est trop imbriqué (au plus ${MAX_JSON_DEPTH} niveaux d'objets et de tableaux)`),
        undefined,
      );
      return;
    }
    parseJson(request, text, done);
  });
}
