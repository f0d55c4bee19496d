import { SignJWT } from 'jose';

// Tokens an attacker would send. Built by hand or with jose's HMAC signer, never accepted by the verifier.

function base64urlJson(value: unknown): string {
  return Buffer.from(JSON.stringify(value)).toString('base64url');
}

/** An unsecured JWT (`alg: none`, empty signature) with the given header fields and claims. */
export function unsignedToken(claims: Record<string, unknown>, header: Record<string, unknown> = {}): string {
  return `${base64urlJson({ alg: 'none', typ: 'JWT', ...header })}.${base64urlJson(claims)}.`;
}

/**
 * An HS* token whose HMAC secret is public material, e.g. the client's public key PEM: the key-confusion
 * attack on verifiers that let the token's alg choose how a configured key is used.
 */
export async function hmacToken(
  secret: string | Uint8Array,
  claims: Record<string, unknown>,
  header: Record<string, unknown> = {},
  alg: 'HS256' | 'HS384' | 'HS512' = 'HS256',
): Promise<string> {
  const key = typeof secret === 'string' ? new TextEncoder().encode(secret) : secret;
  return new SignJWT(claims).setProtectedHeader({ typ: 'JWT', ...header, alg }).sign(key);
}
