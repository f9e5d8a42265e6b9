import { detailsJson, sanitize } from './audit-details';

describe('audit details', () => {
  it('drops every key that names a secret, at any depth', () => {
    const body = {
      username: 'jean',
      password: 'p',
      new_password: 'n',
      confirm_password: 'c',
      current_password: 'x',
      token: 't',
      webhook_url: 'https://discord.com/api/webhooks/1/abc',
      nested: { clientSecret: 's', Authorization: 'Bearer x', keep: 1 },
    };
    expect(sanitize(body)).toEqual({ username: 'jean', nested: { keep: 1 } });
    expect(detailsJson({ request: body })).not.toMatch(/abc|Bearer|"p"|"n"/);
  });

  it('bounds sizes', () => {
    const long = 'z'.repeat(5000);
    expect((sanitize(long) as string).length).toBe(201);
    expect((sanitize(Array.from({ length: 100 }, (_, i) => i)) as number[]).length).toBe(20);
    expect(sanitize({ a: { b: { c: { d: { e: 1 } } } } })).toEqual({ a: { b: { c: { d: '…' } } } });
  });

  it('writes null for nothing and JSON otherwise', () => {
    expect(detailsJson({})).toBeNull();
    expect(JSON.parse(detailsJson({ exit_code: 0 }) as string)).toEqual({ exit_code: 0 });
  });
});
