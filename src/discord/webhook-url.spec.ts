import { DEFAULT_DISCORD_HOSTS, deliveryUrl, maskWebhook, maskWebhookUrl, parseWebhookUrl, redactToken, WebhookUrlError } from './webhook-url';

const TOKEN = 'abcdefghijklmnop_QRS-tuv';

describe('parseWebhookUrl', () => {
  it('accepts the URL Discord hands out, on every default host', () => {
    for (const host of DEFAULT_DISCORD_HOSTS) {
      expect(parseWebhookUrl(`https://${host}/api/webhooks/1234567890/${TOKEN}`)).toEqual({
        protocol: 'https:',
        host,
        id: '1234567890',
        token: TOKEN,
      });
    }
  });

  it('accepts a versioned path and normalises host case', () => {
    expect(parseWebhookUrl(`https://Discord.com/api/v10/webhooks/1/${TOKEN}`)).toMatchObject({ host: 'discord.com', id: '1' });
  });

  it.each([
    ['a host not listed', `https://evil.example.com/api/webhooks/1/${TOKEN}`, /n'est pas autorisé/],
    ['a look-alike host', `https://discord.com.evil.net/api/webhooks/1/${TOKEN}`, /n'est pas autorisé/],
    ['plain http on a public host', `http://discord.com/api/webhooks/1/${TOKEN}`, /https/],
    ['a port on a public host', `https://discord.com:8443/api/webhooks/1/${TOKEN}`, /n'est pas autorisé/],
    ['a non-numeric id', `https://discord.com/api/webhooks/abc/${TOKEN}`, /forme/],
    ['a missing token', 'https://discord.com/api/webhooks/123', /forme/],
    ['an extra segment', `https://discord.com/api/webhooks/1/${TOKEN}/slack`, /forme/],
    ['another API path', `https://discord.com/api/channels/1/${TOKEN}`, /forme/],
    ['a query string', `https://discord.com/api/webhooks/1/${TOKEN}?thread_id=2`, /paramètres/],
    ['credentials', `https://user:pw@discord.com/api/webhooks/1/${TOKEN}`, /identifiants/],
    ['not a URL', 'discord.com/api/webhooks/1/x', /URL valide/],
    ['an empty string', '  ', /vide/],
    ['a javascript: URL', 'javascript:alert(1)', /autorisé|https|forme/],
  ])('refuses %s', (_name, url, message) => {
    expect(() => parseWebhookUrl(url)).toThrow(WebhookUrlError);
    expect(() => parseWebhookUrl(url)).toThrow(message);
  });

  it('never puts the token in its error messages', () => {
    try {
      parseWebhookUrl(`https://evil.example.com/api/webhooks/1/${TOKEN}`);
      throw new Error('should have thrown');
    } catch (error) {
      expect((error as Error).message).not.toContain(TOKEN);
    }
  });

  it('lets a listed loopback host use http and any port; an unlisted one never', () => {
    const allowed = ['discord.com', '127.0.0.1', 'localhost'];
    expect(parseWebhookUrl(`http://127.0.0.1:4321/api/webhooks/9/${TOKEN}`, allowed)).toMatchObject({ protocol: 'http:', host: '127.0.0.1:4321' });
    expect(parseWebhookUrl(`http://localhost:80/api/webhooks/9/${TOKEN}`, allowed)).toMatchObject({ host: 'localhost' });
    expect(() => parseWebhookUrl(`http://127.0.0.1:4321/api/webhooks/9/${TOKEN}`)).toThrow(/n'est pas autorisé/);
    expect(() => parseWebhookUrl(`http://10.0.0.1/api/webhooks/9/${TOKEN}`, [...allowed, '10.0.0.1'])).toThrow(/https/);
  });

  it('honours an explicit host:port entry', () => {
    expect(parseWebhookUrl(`https://hooks.internal:8443/api/webhooks/9/${TOKEN}`, ['hooks.internal:8443'])).toMatchObject({
      host: 'hooks.internal:8443',
    });
  });
});

describe('delivery URL, masking, redaction', () => {
  const webhook = parseWebhookUrl(`https://discord.com/api/webhooks/1234567890/${TOKEN}`);

  it('posts to the v10 path with wait=true', () => {
    expect(deliveryUrl(webhook)).toBe(`https://discord.com/api/v10/webhooks/1234567890/${TOKEN}?wait=true`);
  });

  it('masks all but four characters of the token', () => {
    expect(maskWebhook(webhook)).toBe('https://discord.com/api/webhooks/1234567890/abcd…');
    expect(maskWebhookUrl(`https://discord.com/api/webhooks/1234567890/${TOKEN}`)).toBe('https://discord.com/api/webhooks/1234567890/abcd…');
    expect(maskWebhookUrl('garbage')).toBe('…');
    expect(maskWebhookUrl('http://127.0.0.1:80/api/webhooks/1/short')).toBe('http://127.0.0.1:80/api/webhooks/1/…');
  });

  it('removes tokens from any text', () => {
    expect(redactToken(`failed ${TOKEN} at https://x/api/v10/webhooks/1/${TOKEN}?wait=true`, webhook)).not.toContain(TOKEN);
    expect(redactToken('POST /api/webhooks/55/secret-token-here')).toBe('POST /api/webhooks/55/…');
  });
});
