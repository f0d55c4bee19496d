import { sameServerBaseUrl } from './same-server-base-url';

describe('sameServerBaseUrl', () => {
  it.each([
    [{ localAddress: '127.0.0.1', localPort: 3000 }, 'http://127.0.0.1:3000'],
    [{ localAddress: '::ffff:127.0.0.1', localPort: 3000 }, 'http://127.0.0.1:3000'],
    [{ localAddress: '::1', localPort: 8080 }, 'http://[::1]:8080'],
    [{ localAddress: '10.0.0.5', localPort: 443, encrypted: true }, 'https://10.0.0.5:443'],
  ])('%j → %s', (socket, url) => {
    expect(sameServerBaseUrl(socket)).toBe(url);
  });

  it('fails on a socket without a local address', () => {
    expect(() => sameServerBaseUrl({ localAddress: undefined, localPort: undefined })).toThrow('no local address');
  });
});
