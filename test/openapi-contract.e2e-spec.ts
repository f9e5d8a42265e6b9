import { buildOpenApiDocument } from '../src/swagger';
import { OpenApiContract, ReceivedAnswer } from './support/openapi-contract';
import { TestApp } from './support/test-app';

/** The checker every e2e answer goes through (TestApp.request): it must catch what it is there for. */
describe('OpenAPI contract checker (e2e)', () => {
  let api: TestApp;
  let contract: OpenApiContract;

  const answer = (method: string, path: string, status: number, body: unknown, contentType = 'application/json; charset=utf-8'): ReceivedAnswer => ({
    method,
    path,
    status,
    contentType,
    text: typeof body === 'string' ? body : JSON.stringify(body),
    body,
  });

  beforeAll(async () => {
    api = await TestApp.start();
    contract = new OpenApiContract(JSON.parse(JSON.stringify(buildOpenApiDocument(api.app))));
  });
  afterAll(() => api.close());

  it('checks against the very document /docs-json serves', async () => {
    const served = await api.get('/docs-json');
    expect(served.body).toEqual(JSON.parse(JSON.stringify(buildOpenApiDocument(api.app))));
  });

  it('fails a status the operation does not list, naming method, path, status and body', () => {
    const problem = contract.violation(answer('GET', '/users/7?x=1', 418, { error: 'Teapot', message: 'no' }));
    expect(problem).toContain('GET /users/7 (/users/{id}) answered 418');
    expect(problem).toContain('listed: 200, 400, 401, 403, 404');
    expect(problem).toContain('{"error":"Teapot","message":"no"}');
  });

  it('fails a body that does not match the schema of its status', () => {
    expect(contract.violation(answer('GET', '/cpu', 200, { usage_percent: 'high' }))).toMatch(/GET \/cpu answered 200 with a body that does not match/);
    expect(contract.violation(answer('POST', '/users', 413, { message: 'too big' }))).toMatch(/must have required property 'error'/);
    expect(contract.violation(answer('GET', '/metrics', 200, '{"a":1}'))).toMatch(/as 'application\/json', the document says text\/plain/);
  });

  it('accepts documented answers, HEAD without a body, and what is outside the document', () => {
    expect(contract.violation(answer('POST', '/users', 413, { error: 'Requête trop volumineuse', message: 'trop gros' }))).toBeNull();
    expect(contract.violation(answer('GET', '/metrics', 200, '# HELP x\n', 'text/plain; version=0.0.4; charset=utf-8'))).toBeNull();
    expect(contract.violation(answer('HEAD', '/cpu', 200, undefined, 'application/json'))).toBeNull();
    expect(contract.violation(answer('GET', '/', 200, '<!doctype html>', 'text/html'))).toBeNull();
    expect(contract.violation(answer('OPTIONS', '/users', 204, ''))).toBeNull();
    // A documented path asked with a method it does not have: the API's 405 error, nothing else.
    expect(contract.violation(answer('PATCH', '/users', 405, { error: 'Méthode non autorisée', message: 'non' }))).toBeNull();
    expect(contract.violation(answer('PATCH', '/users', 200, {}))).toMatch(/is not in the document, yet answered 200/);
  });

  it('is what TestApp.request runs: a real answer off the contract fails the request', async () => {
    const admin = await api.adminToken();
    // A real, documented exchange passes...
    expect((await api.get('/users/1', { token: admin })).status).toBe(200);
    // ...and the checker is in the path of every request (an impossible document would refuse it).
    const strict = new OpenApiContract({ paths: { '/users/{id}': { get: { responses: { '404': { description: 'x' } } } } } });
    Object.assign(api as unknown as { contract: OpenApiContract }, { contract: strict });
    await expect(api.get('/users/1', { token: admin })).rejects.toThrow(/API contract: GET \/users\/1 \(\/users\/\{id\}\) answered 200/);
    api.contractViolations.length = 0;
    Object.assign(api as unknown as { contract?: OpenApiContract }, { contract: undefined });
  });
});
