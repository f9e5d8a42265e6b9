import { normaliseProbeUrl } from './fleet-url';

describe('normaliseProbeUrl', () => {
  it.each([
    ['http://10.0.0.5:3000', 'http://10.0.0.5:3000'],
    ['https://web-01.example.com/', 'https://web-01.example.com'],
    ['https://Example.COM:443/healthcheck/', 'https://example.com/healthcheck'],
    ['http://localhost:4599', 'http://localhost:4599'],
  ])('keeps %s as %s', (raw, expected) => {
    expect(normaliseProbeUrl(raw)).toBe(expected);
  });

  it.each(['ftp://host', 'javascript:alert(1)', 'http://user:pw@host', 'http://host/?a=1', 'http://host/#x', 'not a url'])(
    'refuses %s',
    (raw) => {
      expect(normaliseProbeUrl(raw)).toBeUndefined();
    },
  );
});
