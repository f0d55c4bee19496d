import { randomUUID } from 'node:crypto';
import type { JWK, KeyLike } from 'jose';
import { calculateJwkThumbprint, exportJWK, generateKeyPair, SignJWT } from 'jose';
import type { CardViewerSigningOptions } from './card-viewer.options';

/** The algorithm CDS Hooks 2.0 names first; the sandbox client and most services accept it. */
export const VIEWER_JWT_ALGORITHM = 'ES384';

export interface PublicJwks {
  keys: JWK[];
}

/**
 * Signs the viewer's calls as a CDS client (CDS Hooks 2.0 §Trusting CDS Clients). The key pair is made at
 * start-up and lives in memory only: no private key is ever written or committed; a restart rotates it,
 * and services that fetch the JWK Set by URL pick the new key up.
 */
export class ViewerSigner {
  private constructor(
    private readonly privateKey: KeyLike,
    private readonly publicJwk: JWK,
    readonly keyId: string,
    private readonly options: Required<CardViewerSigningOptions>,
  ) {}

  static async create(options: Required<CardViewerSigningOptions>): Promise<ViewerSigner> {
    const { privateKey, publicKey } = await generateKeyPair(VIEWER_JWT_ALGORITHM);
    const exported = await exportJWK(publicKey);
    // The RFC 7638 thumbprint is unique per key, as the spec asks of `kid` within a JWK Set.
    const keyId = await calculateJwkThumbprint(exported);
    const publicJwk: JWK = { ...exported, kid: keyId, alg: VIEWER_JWT_ALGORITHM, use: 'sig' };
    return new ViewerSigner(privateKey, publicJwk, keyId, options);
  }

  get issuer(): string {
    return this.options.issuer;
  }

  /** The public half only, as served at /viewer/.well-known/jwks.json. */
  jwks(): PublicJwks {
    return { keys: [{ ...this.publicJwk }] };
  }

  /** A token for one call: `aud` is exactly the URL being called, `jti` is fresh, `exp` is short. */
  async sign(audience: string, now: Date = new Date()): Promise<string> {
    const issuedAt = Math.floor(now.getTime() / 1000);
    return new SignJWT({})
      .setProtectedHeader({ alg: VIEWER_JWT_ALGORITHM, typ: 'JWT', kid: this.keyId })
      .setIssuer(this.options.issuer)
      .setAudience(audience)
      .setIssuedAt(issuedAt)
      .setExpirationTime(issuedAt + this.options.tokenLifetimeSeconds)
      .setJti(randomUUID())
      .sign(this.privateKey);
  }
}

/** What the module provides: a signer when signing is on. Wrapped so "off" is a value, not a missing provider. */
export class ViewerSigning {
  constructor(readonly signer: ViewerSigner | undefined) {}
}
