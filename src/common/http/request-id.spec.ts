import type { IncomingMessage } from 'node:http';
import { genReqId } from './http-hardening';

const request = (headers: Record<string, string> = {}) => ({ headers }) as unknown as IncomingMessage;

describe('request ids', () => {
  it('are UUIDs (v4 form), all different, without a random draw per request', () => {
    const ids = Array.from({ length: 10_000 }, () => genReqId(request()));
    expect(new Set(ids).size).toBe(ids.length);
    for (const id of ids.slice(0, 50)) expect(id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
  });

  it("keep the caller's id when it looks like one, and replace one that does not", () => {
    expect(genReqId(request({ 'x-request-id': 'lb-42.abc' }))).toBe('lb-42.abc');
    expect(genReqId(request({ 'x-request-id': 'x'.repeat(101) }))).toMatch(/^[0-9a-f-]{36}$/);
    expect(genReqId(request({ 'x-request-id': 'bad id\n' }))).toMatch(/^[0-9a-f-]{36}$/);
  });
});
