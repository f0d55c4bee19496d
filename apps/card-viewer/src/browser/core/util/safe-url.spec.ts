import { safeHttpUrl } from './safe-url';

describe('safeHttpUrl', () => {
  it.each([
    ['https://www.nice.org.uk/guidance/ng126', 'https://www.nice.org.uk/guidance/ng126'],
    ['HTTP://Example.org', 'http://example.org/'],
  ])('accepts %s', (raw, href) => {
    expect(safeHttpUrl(raw)).toBe(href);
  });

  it.each([
    undefined,
    '',
    'javascript:alert(1)',
    ' https://x.org',
    'https://x.org/a b',
    'java\nscript:x',
    'ftp://x.org',
    '//x.org',
    'https:x.org',
    'http://',
  ])('refuses %j', (raw) => {
    expect(safeHttpUrl(raw)).toBeUndefined();
  });
});

describe('safeHttpUrl and control characters', () => {
  it.each(['https://x.org/\u0000', 'https://x.org/\u007f', 'https://x.org/\u001b[0m'])('refuses %j', (raw) => {
    expect(safeHttpUrl(raw)).toBeUndefined();
  });
});
