/**
 * The only JWS algorithms a CDS client may sign with: the two CDS Hooks 2.0 recommends (§JWT Signing
 * Algorithm). Everything else is refused before any key is looked up: `none` (no integrity at all), every
 * symmetric HS* (it would need a shared secret, and is the classic key-confusion attack with a public key
 * as the HMAC secret), and any other asymmetric algorithm the deployment has not chosen to trust.
 */
export const ALLOWED_ALGORITHMS = ['ES384', 'RS384'] as const;

export type AllowedAlgorithm = (typeof ALLOWED_ALGORITHMS)[number];

export function isAllowedAlgorithm(alg: unknown): alg is AllowedAlgorithm {
  return typeof alg === 'string' && (ALLOWED_ALGORITHMS as readonly string[]).includes(alg);
}

/** The key type and (for EC) curve each allowed algorithm needs. */
export const KEY_TYPE_FOR: Readonly<Record<AllowedAlgorithm, { kty: 'EC' | 'RSA'; crv?: string }>> = {
  ES384: { kty: 'EC', crv: 'P-384' },
  RS384: { kty: 'RSA' },
};
