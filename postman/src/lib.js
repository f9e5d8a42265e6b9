// Small builders for Postman v2.1 items, so that the folders read like a list of checks.
// `node postman/build.js` assembles postman/src/NN-*.js into postman/healthcheck.postman_collection.json.

/** A request item. `tests` are lines of Postman test script; `auth: false` sends no token. */
function request({ name, method = 'GET', path, body, auth = true, tests = [], prerequest = [], headers = [] }) {
  const header = [...headers];
  if (auth) header.push({ key: 'Authorization', value: `Bearer {{${auth === true ? 'token' : auth}}}` });
  // A string body is sent as is; JSON unless `headers` names another Content-Type.
  if (body !== undefined && !headers.some((h) => h.key.toLowerCase() === 'content-type')) header.push({ key: 'Content-Type', value: 'application/json' });
  const [pathPart, query] = path.split('?');
  const url = {
    raw: `{{baseUrl}}${path}`,
    host: ['{{baseUrl}}'],
    path: pathPart.split('/').filter(Boolean),
  };
  if (query) url.query = query.split('&').map((pair) => { const [key, value = ''] = pair.split('='); return { key, value }; });
  const item = { name, request: { method, header, url } };
  if (body !== undefined) item.request.body = { mode: 'raw', raw: typeof body === 'string' ? body : JSON.stringify(body, null, 2), options: { raw: { language: 'json' } } };
  const event = [];
  if (prerequest.length) event.push({ listen: 'prerequest', script: { type: 'text/javascript', exec: prerequest } });
  if (tests.length) event.push({ listen: 'test', script: { type: 'text/javascript', exec: tests } });
  if (event.length) item.event = event;
  return item;
}

function folder(name, items, description) {
  return description ? { name, description, item: items } : { name, item: items };
}

/** Test lines: the status code. */
const status = (code) => [`pm.test('status ${code}', () => pm.response.to.have.status(${code}));`];

/** Test lines: the API's error shape, with an exact `error` when given. */
const apiError = (code, error) => [
  ...status(code),
  `pm.test('error shape', () => { const b = pm.response.json(); pm.expect(b.error).to.be.a('string'); pm.expect(b.message).to.be.a('string');${error ? ` pm.expect(b.error).to.eql(${JSON.stringify(error)});` : ''} });`,
];

/** Test lines: `checked_at` is ISO 8601 UTC to the second. */
const checkedAt = [
  "pm.test('checked_at is ISO 8601 UTC', () => pm.expect(pm.response.json().checked_at).to.match(/^\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}:\\d{2}Z$/));",
];

/** Test lines: the figures of a size block (GiB, percent). */
const sizeBlock = (path) => [
  `pm.test('${path} has total/used/free/usage', () => { const d = pm.response.json().${path}; ['total_gb','used_gb','free_gb','usage_percent'].forEach(k => pm.expect(d[k]).to.be.a('number')); pm.expect(d.usage_percent).to.be.within(0, 100); });`,
];

module.exports = { request, folder, status, apiError, checkedAt, sizeBlock };
