import { bearerToken } from './bearer-token';
import type { ClientAuthenticationError } from './client-authentication.error';

function reasonOf(header: string | string[] | undefined): string {
  try {
    bearerToken(header);
  } catch (error) {
    return (error as ClientAuthenticationError).reason;
  }
  return 'accepted';
}

describe('bearerToken', () => {
  it.each([
    ['Bearer abc.def.ghi', 'abc.def.ghi'],
    ['bearer abc.def.ghi', 'abc.def.ghi'],
    ['Bearer   abc.def-_~+/.ghi==', 'abc.def-_~+/.ghi=='],
  ])('takes the token of %j', (header, token) => {
    expect(bearerToken(header)).toBe(token);
  });

  it.each([[undefined], ['']])('missing header %j → missing-token', (header) => {
    expect(reasonOf(header)).toBe('missing-token');
  });

  it.each([
    ['Basic dXNlcjpwYXNz'],
    ['Bearer'],
    ['Bearer '],
    ['Bearer a b'],
    ['Bearera.b.c'],
    ['Token a.b.c'],
    ['Bearer a.b.c,Bearer d'],
    [['Bearer a', 'Bearer b']],
  ])('malformed header %j → malformed-token', (header) => {
    expect(reasonOf(header)).toBe('malformed-token');
  });
});
