import { randomUUID } from 'node:crypto';
import type { JSONWebKeySet, JWK, JWTHeaderParameters, KeyLike } from 'jose';
import { exportJWK, exportSPKI, generateKeyPair, SignJWT } from 'jose';
import type { TrustedClientConfig } from '../lib/trusted-clients.config';

export type TestClientAlgorithm = 'ES384' | 'RS384';

export type RegisteredClaim = 'iss' | 'aud' | 'exp' | 'iat' | 'jti';

export interface TestTokenOptions {
  /** Default: the client's iss. */
  iss?: string;
  /** Default: the client's kid. */
  kid?: string;
  jku?: string;
  /** Default `JWT`; null leaves the header out. */
  typ?: string | null;
  jti?: string;
  /** Seconds since the epoch; default now. */
  iat?: number;
  /** Seconds since the epoch; default iat + lifetimeSeconds. */
  exp?: number;
  /** Default 120. */
  lifetimeSeconds?: number;
  tenant?: string;
  /** Claims to leave out, to test that they are required. */
  omit?: RegisteredClaim[];
  /** Extra or overriding claims. */
  claims?: Record<string, unknown>;
  /** "Now" in ms for iat; default Date.now(). */
  now?: number;
}

/**
 * A CDS client for tests: a fresh ES384 or RS384 key pair and a signer of CDS Hooks client JWTs
 * (fresh jti each time, unless told otherwise).
 */
export class TestCdsClient {
  private constructor(
    readonly iss: string,
    readonly alg: TestClientAlgorithm,
    readonly kid: string,
    readonly privateKey: KeyLike,
    readonly publicKey: KeyLike,
    readonly publicJwk: JWK,
  ) {}

  static async create(options: { iss?: string; alg?: TestClientAlgorithm; kid?: string } = {}): Promise<TestCdsClient> {
    const alg = options.alg ?? 'ES384';
    const kid = options.kid ?? randomUUID();
    const { privateKey, publicKey } = await generateKeyPair(alg, { modulusLength: 2048, extractable: true });
    const publicJwk: JWK = { ...(await exportJWK(publicKey)), kid, alg, use: 'sig' };
    return new TestCdsClient(options.iss ?? 'https://ehr.test.example', alg, kid, privateKey, publicKey, publicJwk);
  }

  /** The public JWK Set to serve or configure. */
  get jwks(): JSONWebKeySet {
    return { keys: [this.publicJwk] };
  }

  /** This client as a trusted-clients entry with its keys inline. */
  trustedClient(): TrustedClientConfig {
    return { iss: this.iss, jwks: this.jwks };
  }

  /** The public key as SPKI PEM text (e.g. as the "secret" of a key-confusion attack). */
  async publicKeyPem(): Promise<string> {
    return exportSPKI(this.publicKey);
  }

  async token(aud: string | string[], options: TestTokenOptions = {}): Promise<string> {
    const header: JWTHeaderParameters = { alg: this.alg, kid: options.kid ?? this.kid };
    if (options.typ !== null) {
      header.typ = options.typ ?? 'JWT';
    }
    if (options.jku !== undefined) {
      header.jku = options.jku;
    }
    return new SignJWT(testClaims(this.iss, aud, options)).setProtectedHeader(header).sign(this.privateKey);
  }

  async authorization(aud: string | string[], options: TestTokenOptions = {}): Promise<string> {
    return `Bearer ${await this.token(aud, options)}`;
  }
}

/** The claims of a test token: iss, aud, iat, exp, jti (+ tenant, claims), minus `omit`. */
export function testClaims(iss: string, aud: string | string[], options: TestTokenOptions = {}): Record<string, unknown> {
  const iat = options.iat ?? Math.floor((options.now ?? Date.now()) / 1000);
  const claims: Record<string, unknown> = {
    iss: options.iss ?? iss,
    aud,
    iat,
    exp: options.exp ?? iat + (options.lifetimeSeconds ?? 120),
    jti: options.jti ?? randomUUID(),
    ...(options.tenant !== undefined ? { tenant: options.tenant } : {}),
    ...options.claims,
  };
  for (const claim of options.omit ?? []) {
    delete claims[claim];
  }
  return claims;
}
