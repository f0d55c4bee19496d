import type { JsonWebKey } from 'node:crypto';
import { createPublicKey } from 'node:crypto';
import type { JSONWebKeySet, JWK } from 'jose';
import { ALLOWED_ALGORITHMS, isAllowedAlgorithm, KEY_TYPE_FOR } from './allowed-algorithms';
import { checkArray, checkObject, checkOptionalString, checkString, fail, join } from './config-checks';

const PUBLIC_MEMBERS = ['kty', 'use', 'key_ops', 'alg', 'kid', 'x5u', 'x5c', 'x5t', 'x5t#S256', 'crv', 'x', 'y', 'n', 'e'];
// Members that only a private or secret key has: someone pasted the wrong half of the key pair.
const SECRET_MEMBERS = ['d', 'p', 'q', 'dp', 'dq', 'qi', 'oth', 'k'];
// jose refuses shorter RSA keys for RS* at verification time; refusing them here says so at start-up.
const MIN_RSA_MODULUS_BITS = 2048;

/**
 * An inline JWK Set of a trusted client: public EC P-384 or RSA (≥ 2048 bits) keys, each with a unique
 * `kid` (CDS Hooks 2.0: kid is required and unique within the client's JWK Set), key material that
 * actually imports, and no private members.
 */
export function validatePublicJwks(value: unknown, path: string): JSONWebKeySet {
  const set = checkObject(value, path, ['keys']);
  const keys = checkArray(set['keys'], join(path, 'keys'));
  if (keys.length === 0) {
    fail(join(path, 'keys'), 'must contain at least one key');
  }
  const seenKids = new Map<string, number>();
  const checked = keys.map((key, index) => {
    const keyPath = join(join(path, 'keys'), index);
    const jwk = validatePublicJwk(key, keyPath);
    const previous = seenKids.get(jwk.kid as string);
    if (previous !== undefined) {
      fail(join(keyPath, 'kid'), `duplicates ${join(join(path, 'keys'), previous)}.kid: a kid must be unique within a JWK Set`);
    }
    seenKids.set(jwk.kid as string, index);
    return jwk;
  });
  return { keys: checked };
}

function validatePublicJwk(value: unknown, path: string): JWK {
  if (typeof value === 'object' && value !== null) {
    const secret = SECRET_MEMBERS.find((member) => member in value);
    if (secret !== undefined) {
      fail(join(path, secret), 'is a private/secret key member: configure the PUBLIC key only');
    }
  }
  const jwk = checkObject(value, path, PUBLIC_MEMBERS);
  const kty = checkString(jwk['kty'], join(path, 'kty'));
  if (kty !== 'EC' && kty !== 'RSA') {
    fail(join(path, 'kty'), 'must be "EC" or "RSA" (symmetric and other key types cannot verify ES384/RS384)');
  }
  checkString(jwk['kid'], join(path, 'kid'));
  const alg = checkOptionalString(jwk['alg'], join(path, 'alg'));
  if (alg !== undefined && (!isAllowedAlgorithm(alg) || KEY_TYPE_FOR[alg].kty !== kty)) {
    fail(join(path, 'alg'), `must be one of ${ALLOWED_ALGORITHMS.join(', ')} matching kty ${kty}`);
  }
  if (jwk['use'] !== undefined && jwk['use'] !== 'sig') {
    fail(join(path, 'use'), 'must be "sig"');
  }
  if (jwk['key_ops'] !== undefined) {
    checkArray(jwk['key_ops'], join(path, 'key_ops')).forEach((op, i) => checkString(op, join(join(path, 'key_ops'), i)));
  }
  for (const member of ['x5u', 'x5t', 'x5t#S256']) {
    checkOptionalString(jwk[member], join(path, member));
  }
  if (jwk['x5c'] !== undefined) {
    checkArray(jwk['x5c'], join(path, 'x5c')).forEach((cert, i) => checkString(cert, join(join(path, 'x5c'), i)));
  }
  if (kty === 'EC') {
    if (jwk['crv'] !== KEY_TYPE_FOR.ES384.crv) {
      fail(join(path, 'crv'), 'must be "P-384" (ES384 is the only EC algorithm accepted)');
    }
    checkString(jwk['x'], join(path, 'x'));
    checkString(jwk['y'], join(path, 'y'));
  } else {
    checkString(jwk['n'], join(path, 'n'));
    checkString(jwk['e'], join(path, 'e'));
  }
  checkKeyMaterial(jwk, kty, path);
  return jwk as unknown as JWK;
}

function checkKeyMaterial(jwk: Record<string, unknown>, kty: 'EC' | 'RSA', path: string): void {
  const material = kty === 'EC' ? { kty, crv: jwk['crv'], x: jwk['x'], y: jwk['y'] } : { kty, n: jwk['n'], e: jwk['e'] };
  let modulusBits: number | undefined;
  try {
    modulusBits = createPublicKey({ key: material as JsonWebKey, format: 'jwk' }).asymmetricKeyDetails?.modulusLength;
  } catch {
    fail(path, `is not a valid ${kty} public key`);
  }
  if (kty === 'RSA' && (modulusBits ?? 0) < MIN_RSA_MODULUS_BITS) {
    fail(join(path, 'n'), `must be an RSA modulus of at least ${MIN_RSA_MODULUS_BITS} bits`);
  }
}
