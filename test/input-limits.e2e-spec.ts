import { connect, Socket } from 'node:net';
import { captureLogs } from './support/capture-logs';
import { expectError, TEST_ADMIN_PASSWORD, TestApp } from './support/test-app';

/** `[[[…1…]]]` nested `depth` levels deep (arrays) or `{"a":{"a":…}}` (objects). */
const nestedArrays = (depth: number) => '['.repeat(depth) + '1' + ']'.repeat(depth);
const nestedObjects = (depth: number) => '{"a":'.repeat(depth) + '1' + '}'.repeat(depth);

const BODY_ROUTES: Array<[string, string]> = [
  ['POST', '/login'],
  ['POST', '/change-password'],
  ['POST', '/users'],
  ['PUT', '/users/2'],
  ['PUT', '/config/thresholds'],
  ['POST', '/config/discord'],
  ['POST', '/fleet'],
];

describe('request body limits (e2e)', () => {
  let api: TestApp;
  let admin: string;

  beforeAll(async () => {
    api = await TestApp.start({ LOGIN_RATE_LIMIT: '100000', WRITE_RATE_LIMIT: '100000' });
    admin = await api.adminToken();
  });
  afterAll(() => api.close());

  it('answers 400 in the error shape for a body nested 5,000 levels deep, on every body route', async () => {
    for (const [method, path] of BODY_ROUTES) {
      for (const body of [nestedArrays(5000), nestedObjects(5000), `{"username":${nestedArrays(5000)}}`]) {
        const answer = await api.request(method, path, { rawBody: body, token: admin });
        const error = expectError(answer, 400, 'Requête invalide');
        expect(error.message).toMatch(/imbriqu/);
      }
    }
  });

  it('refuses nesting above 32 levels, accepts 32, and does not count brackets inside strings', async () => {
    expectError(await api.request('POST', '/login', { rawBody: `{"username":${nestedArrays(32)}}` }), 400);
    // 32 levels: the body is parsed, then refused by validation (username is not a string).
    const at32 = await api.request('POST', '/login', { rawBody: `{"username":${nestedArrays(31)},"password":"x"}` });
    expect((at32.body.details as string[]) ?? []).toContain("Le champ 'username' doit être une chaîne");
    const over = await api.request('POST', '/login', { rawBody: `{"username":${nestedArrays(32)},"password":"x"}` });
    expect(expectError(over, 400).message).toMatch(/imbriqu/);
    // Brackets and escaped quotes inside strings are data, not nesting.
    const inString = await api.post('/login', { username: '[{'.repeat(2000) + '\\"', password: '"]}'.repeat(60) });
    expect(expectError(inString, 400).message).toBe("Le champ 'username' est trop long");
    const ok = await api.post('/login', { username: 'admin', password: TEST_ADMIN_PASSWORD });
    expect(ok.status).toBe(200);
  });

  it('keeps the prototype-poisoning protection and the malformed-JSON answer', async () => {
    const poisoned = await api.request('POST', '/login', { rawBody: '{"username":"admin","password":"x","__proto__":{"admin":true}}' });
    expectError(poisoned, 400);
    const constructor = await api.request('POST', '/login', { rawBody: '{"constructor":{"prototype":{"admin":true}}}' });
    expectError(constructor, 400);
    expect(expectError(await api.request('POST', '/login', { rawBody: '{"a":' }), 400).message).toBe(
      "Le corps de la requête n'est pas un JSON valide",
    );
    expectError(await api.request('POST', '/login', { rawBody: '' , headers: { 'content-type': 'application/json', 'content-length': '0' } }), 400);
  });

  it('answers 415 for any content type but JSON on a body route, before the rate limit or the login lock count it', async () => {
    const limited = await TestApp.start({ LOGIN_RATE_LIMIT: '3' });
    try {
      const types = ['application/x-www-form-urlencoded', 'text/plain', 'multipart/form-data; boundary=x', 'application/xml'];
      for (let round = 0; round < 3; round += 1) {
        for (const type of types) {
          const answer = await limited.request('POST', '/login', {
            rawBody: 'username=admin&password=wrong-password',
            headers: { 'content-type': type },
          });
          expect(expectError(answer, 415, 'Type de contenu non supporté').message).toMatch(/application\/json/);
        }
      }
      // Neither the rate limit (3 a minute) nor the lock (5 failures) counted those 12 requests.
      const token = await limited.adminToken();
      const me = await limited.get('/me', { token });
      expect(me.status).toBe(200);
      // A body route called without a body still works; JSON with a charset parameter too.
      expect((await limited.post('/logout', undefined, { token })).status).toBe(200);
      const charset = await limited.request('POST', '/login', {
        rawBody: JSON.stringify({ username: 'admin', password: TEST_ADMIN_PASSWORD }),
        headers: { 'content-type': 'application/json; charset=utf-8' },
      });
      expect(charset.status).toBe(200);
    } finally {
      await limited.close();
    }
  }, 30000);

  it('answers 415 on the other body routes too, for an authenticated caller', async () => {
    for (const [method, path] of BODY_ROUTES) {
      const answer = await api.request(method, path, { token: admin, rawBody: 'a=1', headers: { 'content-type': 'application/x-www-form-urlencoded' } });
      expectError(answer, 415, 'Type de contenu non supporté');
    }
  });
});

/** Sends the head of a request, then its body one byte every `gapMs`; resolves with what came back. */
function drip(url: string, body: string, gapMs: number): Promise<{ answer: string; closedAfterMs: number; bytesSent: number }> {
  const { hostname, port } = new URL(url);
  return new Promise((resolve) => {
    const started = Date.now();
    const socket: Socket = connect(Number(port), hostname);
    let answer = '';
    let sent = 0;
    let timer: NodeJS.Timeout | undefined;
    socket.on('connect', () => {
      socket.write(`POST /login HTTP/1.1\r\nHost: ${hostname}\r\nContent-Type: application/json\r\nContent-Length: ${body.length}\r\n\r\n`);
      timer = setInterval(() => {
        if (sent < body.length - 1 && !socket.destroyed) socket.write(body[sent++]);
      }, gapMs);
    });
    socket.on('data', (chunk) => (answer += chunk.toString('utf8')));
    socket.on('error', () => undefined);
    socket.on('close', () => {
      clearInterval(timer);
      resolve({ answer, closedAfterMs: Date.now() - started, bytesSent: sent });
    });
  });
}

describe('request timeout (e2e)', () => {
  it('REQUEST_TIMEOUT_SECONDS: a body dripped byte by byte is cut off with a 408, logged at debug only', async () => {
    const logs = captureLogs();
    let api: TestApp | undefined;
    try {
      api = await TestApp.start({ REQUEST_TIMEOUT_SECONDS: '1', LOG_LEVEL: 'debug' });
      const body = JSON.stringify({ username: 'admin', password: 'x'.repeat(200) });
      const { answer, closedAfterMs, bytesSent } = await drip(api.url, body, 50);
      expect(answer).toMatch(/^HTTP\/1\.1 408 /);
      const json = JSON.parse(answer.slice(answer.indexOf('\r\n\r\n') + 4));
      expect(json).toEqual({ error: 'Délai dépassé', message: expect.stringMatching(/1 seconde/) });
      // Cut off after about a second (the check runs every half second), long before the body's end.
      expect(closedAfterMs).toBeGreaterThanOrEqual(900);
      expect(closedAfterMs).toBeLessThan(5000);
      expect(bytesSent).toBeLessThan(body.length - 1);
      // The server still answers, and nothing was logged above debug for the cut-off upload.
      expect((await api.get('/health')).status).toBe(200);
      await new Promise((resolve) => setTimeout(resolve, 200));
      const lines = logs.lines();
      expect(lines.some((line) => line.level === 20 && /request timed out|aborted/i.test(String(line.msg)))).toBe(true);
      const loud = lines.filter((line) => line.level >= 40 || line.err?.stack !== undefined || /\n\s+at /.test(String(line.msg)));
      expect(loud).toEqual([]);
    } finally {
      await api?.close();
      logs.restore();
    }
  }, 30000);

  it('answers a malformed request in the error shape too, then closes the connection', async () => {
    const api = await TestApp.start({});
    try {
      const { hostname, port } = new URL(api.url);
      const answer = await new Promise<string>((resolve) => {
        const socket = connect(Number(port), hostname, () => socket.write('NOT A REQUEST\r\n\r\n'));
        let text = '';
        socket.on('data', (chunk) => (text += chunk.toString('utf8')));
        socket.on('error', () => undefined);
        socket.on('close', () => resolve(text));
      });
      expect(answer).toMatch(/^HTTP\/1\.1 400 /);
      expect(JSON.parse(answer.slice(answer.indexOf('\r\n\r\n') + 4))).toEqual({ error: 'Requête invalide', message: 'Requête HTTP malformée' });
    } finally {
      await api.close();
    }
  }, 30000);

  it('a request sent in full within the time is answered as usual', async () => {
    const api = await TestApp.start({ REQUEST_TIMEOUT_SECONDS: '2' });
    try {
      expect((await api.post('/login', { username: 'admin', password: TEST_ADMIN_PASSWORD })).status).toBe(200);
    } finally {
      await api.close();
    }
  }, 30000);
});
