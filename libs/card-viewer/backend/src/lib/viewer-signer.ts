import { randomUUID } from 'node:crypto';
import type { JWK, KeyLike } from 'jose';
import { calculateJwkThumbprint, exportJWK, generateKeyPair, SignJWT } from 'jose';

/** The algorithm CDS Hooks 2.0 names first; the sandbox client and most services accept it. */
export const VIEWER_JWT_ALGORITHM = 'ES384';

export interface PublicJwks {
  keys: JWK[];
}

export interface ViewerTokenClaims {
  issuer: string;
  /** Exactly the endpoint the token is for. */
  audience: string;
  lifetimeSeconds: number;
}

/**
 * The viewer's key pair as a CDS client (CDS Hooks 2.0 §Trusting CDS Clients). Made at start-up and kept in
 * memory only: no private key is ever written or committed; a restart rotates it, and services that fetch
 * the JWK Set by URL pick the new key up.
 */
export class ViewerSigner {
  private constructor(
    private readonly privateKey: KeyLike,
    private readonly publicJwk: JWK,
    readonly keyId: string,
  ) {}

  static async create(): Promise<ViewerSigner> {
    const { privateKey, publicKey } = await generateKeyPair(VIEWER_JWT_ALGORITHM);
    const exported = await exportJWK(publicKey);
    // The RFC 7638 thumbprint is unique per key, as the spec asks of `kid` within a JWK Set.
    const keyId = await calculateJwkThumbprint(exported);
    return new ViewerSigner(privateKey, { ...exported, kid: keyId, alg: VIEWER_JWT_ALGORITHM, use: 'sig' }, keyId);
  }

  /** The public half only: what /viewer/.well-known/jwks.json serves, or what a trusted-clients entry pins. */
  jwks(): PublicJwks {
    return { keys: [{ ...this.publicJwk }] };
  }

  /** A token for one call: fresh `jti`, short `exp`. */
  async sign(claims: ViewerTokenClaims, now: Date = new Date()): Promise<string> {
    const issuedAt = Math.floor(now.getTime() / 1000);
    return new SignJWT({})
      .setProtectedHeader({ alg: VIEWER_JWT_ALGORITHM, typ: 'JWT', kid: this.keyId })
      .setIssuer(claims.issuer)
      .setAudience(claims.audience)
      .setIssuedAt(issuedAt)
      .setExpirationTime(issuedAt + claims.lifetimeSeconds)
      .setJti(randomUUID())
      .sign(this.privateKey);
  }
}
