import { createHash, timingSafeEqual } from 'node:crypto';

/**
 * The viewer's access token is kept as its SHA-256 only, and a presented token is compared digest to digest in
 * constant time: equal-length inputs whatever was sent, so neither the token nor its length leaks by timing.
 */
export function accessTokenDigest(token: string): Buffer {
  return createHash('sha256').update(token, 'utf8').digest();
}

/** Whether an `Authorization` header carries `Bearer <the token>`. */
export function presentsAccessToken(authorization: string | undefined, digest: Buffer): boolean {
  const match = /^Bearer[ ]+(\S+)[ ]*$/i.exec(authorization ?? '');
  return match !== null && timingSafeEqual(accessTokenDigest(match[1]), digest);
}
