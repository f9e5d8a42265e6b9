import { browseUrl, listenUrl } from './listen-url';

describe('listenUrl / browseUrl', () => {
  const at = (port: number) => ({ address: '0.0.0.0', family: 'IPv4', port });

  it('names the bind address HOST gives, with the port really bound', () => {
    expect(listenUrl('0.0.0.0', at(3000))).toBe('http://0.0.0.0:3000');
    expect(listenUrl('127.0.0.1', at(41234))).toBe('http://127.0.0.1:41234');
    expect(listenUrl('::', at(3000))).toBe('http://[::]:3000');
    expect(listenUrl('::1', at(3000))).toBe('http://[::1]:3000');
    expect(listenUrl('probe.example.com', at(8080))).toBe('http://probe.example.com:8080');
  });

  it('gives localhost to browse a server bound to every interface', () => {
    expect(browseUrl('0.0.0.0', at(3000))).toBe('http://localhost:3000');
    expect(browseUrl('::', at(3000))).toBe('http://localhost:3000');
    expect(browseUrl('10.0.0.5', at(3000))).toBe('http://10.0.0.5:3000');
  });
});
