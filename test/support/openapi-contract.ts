import Ajv, { ValidateFunction } from 'ajv';
import addFormats from 'ajv-formats';

type Json = Record<string, any>;

/** What `TestApp.request` received, as the contract check needs it. */
export interface ReceivedAnswer {
  method: string;
  path: string;
  status: number;
  contentType: string | null;
  text: string;
  body: unknown;
}

interface Route {
  template: string;
  pattern: RegExp;
  /** Fixed segments first (`/processes/top` before a `/processes/{x}`). */
  literal: boolean;
  operations: Json;
}

const METHODS = ['get', 'put', 'post', 'delete', 'patch'];
const DOCUMENT_ID = 'openapi';

/**
 * The API's OpenAPI document as a checker of answers: every answer of a documented operation must
 * have a status the operation lists, and a body that matches the schema documented for that status.
 * Paths outside the document (dashboard, static files, /docs) are not checked; a documented path
 * asked with an undocumented method must get the API's 404/405 error.
 */
export class OpenApiContract {
  private readonly routes: Route[];
  private readonly ajv: Ajv;
  private readonly validators = new Map<string, ValidateFunction>();

  constructor(document: Json) {
    this.ajv = new Ajv({ strict: false, allErrors: true, logger: false });
    addFormats(this.ajv);
    for (const format of ['int32', 'int64', 'float', 'double', 'byte', 'binary', 'password']) this.ajv.addFormat(format, true);
    // The components, with their `#/components/...` references made absolute, so that any schema can point into them.
    this.ajv.addSchema({ $id: DOCUMENT_ID, components: absoluteRefs(document.components ?? {}) });
    this.routes = Object.entries(document.paths as Json)
      .map(([template, operations]) => ({
        template,
        // Exactly the path: the router does not take `/users/` for `/users`.
        pattern: new RegExp(`^${template.replace(/[.*+?^$()|[\]\\]/g, '\\$&').replace(/\{[^}/]+\}/g, '[^/]+')}$`),
        literal: !template.includes('{'),
        operations,
      }))
      .sort((a, b) => Number(b.literal) - Number(a.literal));
  }

  /** The problem with this answer, or null when it keeps the contract (or is outside the document). */
  violation(answer: ReceivedAnswer): string | null {
    const method = answer.method.toLowerCase();
    const path = answer.path.split(/[?#]/)[0];
    const shown = shortPath(path);
    const route = this.routes.find((candidate) => candidate.pattern.test(path));
    // Not an API operation (dashboard, /docs, static files), or a CORS preflight.
    if (!route || method === 'options') return null;
    // Refused by Node's HTTP parser (headers or URL over 16 KiB) before any route is chosen.
    if (answer.status === 431) return null;
    // HEAD is answered by the GET route, without a body.
    const operation = route.operations[method === 'head' ? 'get' : method];
    const where = `${answer.method.toUpperCase()} ${shown} (${route.template})`;
    if (!operation) {
      if (!METHODS.includes(method) && method !== 'head') return null;
      if (answer.status !== 404 && answer.status !== 405) {
        return `${where} is not in the document, yet answered ${answer.status} (expected 404 or 405)${describe(answer)}`;
      }
      return method === 'head' ? null : this.check(`${where} ${answer.status}`, ERROR_SCHEMA, answer);
    }
    const response = operation.responses?.[String(answer.status)];
    if (!response) {
      const listed = Object.keys(operation.responses ?? {}).join(', ');
      return `${where} answered ${answer.status}, a status the document does not list for it (listed: ${listed})${describe(answer)}`;
    }
    if (method === 'head' || !response.content) return null;
    const mediaType = (answer.contentType ?? '').split(';')[0].trim().toLowerCase();
    const documented = response.content[mediaType];
    if (!documented) {
      const listed = Object.keys(response.content).join(', ');
      return `${where} answered ${answer.status} as '${mediaType || 'no content type'}', the document says ${listed}${describe(answer)}`;
    }
    if (!documented.schema || !mediaType.includes('json')) return null;
    return this.check(`${where} ${answer.status}`, documented.schema, answer);
  }

  private check(key: string, schema: Json, answer: ReceivedAnswer): string | null {
    let validate = this.validators.get(key);
    if (!validate) {
      validate = this.ajv.compile(absoluteRefs(schema));
      this.validators.set(key, validate);
    }
    if (validate(answer.body)) return null;
    const problems = (validate.errors ?? []).map((error) => `${error.instancePath || '(body)'} ${error.message}`).join('; ');
    return `${answer.method.toUpperCase()} ${shortPath(answer.path)} answered ${answer.status} with a body that does not match the document: ${problems}${describe(answer)}`;
  }
}

/** The API's error shape, for the 404/405 on documented paths. */
const ERROR_SCHEMA = { $ref: '#/components/schemas/ApiErrorDto' };

/** The path as a message shows it: a 20 000-character fuzz path is cut. */
function shortPath(path: string): string {
  return path.length > 120 ? `${path.slice(0, 120)}…(${path.length} chars)` : path;
}

function describe(answer: ReceivedAnswer): string {
  const text = answer.text.length > 500 ? `${answer.text.slice(0, 500)}…` : answer.text;
  return `. Body: ${text || '(empty)'}`;
}

/**
 * A deep copy as JSON Schema: `#/components/...` references point into the document registered
 * under DOCUMENT_ID, and OpenAPI 3.0's `nullable: true` (null allowed besides the schema, also
 * beside an `allOf` reference, where ajv's own `nullable` needs a `type`) becomes `anyOf [schema, null]`.
 */
function absoluteRefs<T>(value: T): T {
  if (Array.isArray(value)) return value.map(absoluteRefs) as T;
  if (!value || typeof value !== 'object') return value;
  const copy: Json = {};
  for (const [key, inner] of Object.entries(value)) {
    if (key === 'nullable') continue;
    copy[key] = key === '$ref' && typeof inner === 'string' && inner.startsWith('#/') ? `${DOCUMENT_ID}${inner}` : absoluteRefs(inner);
  }
  return ((value as Json).nullable === true ? { anyOf: [copy, { type: 'null' }] } : copy) as T;
}
