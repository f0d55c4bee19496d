import { ClientAuthenticationError } from './client-authentication.error';

// RFC 6750 §2.1: "Bearer" (case-insensitive scheme), one or more spaces, a token68 value.
const BEARER = /^Bearer +([A-Za-z0-9\-._~+/]+=*) *$/i;

/** The JWT of `Authorization: Bearer <JWT>`; a missing or malformed header is a ClientAuthenticationError. */
export function bearerToken(authorization: string | string[] | undefined): string {
  if (authorization === undefined || authorization === '') {
    throw new ClientAuthenticationError('missing-token', 'no Authorization header');
  }
  const match = typeof authorization === 'string' ? BEARER.exec(authorization) : null;
  if (!match) {
    throw new ClientAuthenticationError('malformed-token', 'the Authorization header is not "Bearer <token>"');
  }
  return match[1];
}
