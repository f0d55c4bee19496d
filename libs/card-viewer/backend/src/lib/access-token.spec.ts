import { accessTokenDigest, presentsAccessToken } from './access-token';

const TOKEN = 'k7Jd0pQ2mX9vR4sT1uW8yZ3aB6cE5fG0hI';
const digest = accessTokenDigest(TOKEN);

describe('presentsAccessToken', () => {
  it.each([
    [`Bearer ${TOKEN}`, true],
    [`bearer ${TOKEN}`, true],
    [`Bearer  ${TOKEN} `, true],
    [undefined, false],
    ['', false],
    [TOKEN, false],
    [`Basic ${TOKEN}`, false],
    [`Bearer ${TOKEN.slice(0, -1)}`, false],
    [`Bearer ${TOKEN}x`, false],
    [`Bearer ${TOKEN} ${TOKEN}`, false],
    ['Bearer ', false],
  ])('%j → %s', (header, expected) => {
    expect(presentsAccessToken(header, digest)).toBe(expected);
  });
});

describe('accessTokenDigest', () => {
  it('is the token’s SHA-256, not the token', () => {
    expect(digest).toHaveLength(32);
    expect(digest.toString('utf8')).not.toContain(TOKEN);
    expect(accessTokenDigest(TOKEN).equals(digest)).toBe(true);
  });
});
