import { isOwnOrigin } from './same-origin';

describe('isOwnOrigin', () => {
  it.each([
    ['no Origin (same-origin GET, or not a browser)', undefined, '127.0.0.1:3000', undefined, true],
    ['the page on the address it was served at', 'http://127.0.0.1:3000', '127.0.0.1:3000', undefined, true],
    ['the page over https behind a proxy that keeps Host', 'https://cds.example.org', 'cds.example.org', undefined, true],
    ['the public origin behind a proxy that rewrites Host', 'https://cds.example.org', '127.0.0.1:3000', 'https://cds.example.org', true],
    ['another site open in the browser', 'https://evil.example', '127.0.0.1:3000', undefined, false],
    ['another port on the same host', 'http://127.0.0.1:8080', '127.0.0.1:3000', undefined, false],
    ['a host that only starts like ours', 'http://127.0.0.1:30001', '127.0.0.1:3000', undefined, false],
    ['an opaque origin (sandboxed frame, file://)', 'null', '127.0.0.1:3000', undefined, false],
    ['an origin with a path (not an origin)', 'http://127.0.0.1:3000/x', '127.0.0.1:3000', undefined, false],
    ['a non-http scheme', 'chrome-extension://abc', 'abc', undefined, false],
    ['no Host to compare with', 'http://127.0.0.1:3000', undefined, undefined, false],
    // Only a browser that connected to that host sends this pair (a rebound DNS name): the access token stops it.
    [
      'the origin of the host connected to, besides the public origin',
      'http://localhost:3000',
      'localhost:3000',
      'https://cds.example.org',
      true,
    ],
  ])('%s', (_name, origin, host, publicOrigin, expected) => {
    expect(isOwnOrigin(origin, host, publicOrigin)).toBe(expected);
  });
});
