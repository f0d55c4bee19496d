import type { JWTPayload, ProtectedHeaderParameters } from 'jose';
import { decodeJwt, decodeProtectedHeader, errors, jwtVerify } from 'jose';
import { ALLOWED_ALGORITHMS, isAllowedAlgorithm } from './allowed-algorithms';
import type { CdsClientJwtVerifierOptions, ResolvedVerifierOptions } from './cds-client-jwt-verifier.options';
import { resolveVerifierOptions } from './cds-client-jwt-verifier.options';
import { ClientAuthenticationError } from './client-authentication.error';
import { ClientKeySets, mappedKeySource } from './client-key-sets';
import { JtiReplayCache } from './jti-replay.cache';
import type { JtiReplayStore } from './jti-replay.store';
import { SharedStateUnavailableError } from '@pcb-cds/cds-hooks-shared-state';
import type { TrustedClientConfig, TrustedClientsConfig } from './trusted-clients.config';
import { parseTrustedClientsConfig } from './trusted-clients.config';
import type { VerifiedClient } from './verified-client';

// Real client JWTs are well under 2 KB; the bound keeps decoding cheap whatever a caller sends.
const MAX_TOKEN_LENGTH = 8_192;
const COMPACT_JWS = /^[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+\.[A-Za-z0-9_-]*$/;
const REQUIRED_CLAIMS = ['iss', 'aud', 'exp', 'iat', 'jti'];

/**
 * Authenticates a CDS client from the JWT it sends as `Authorization: Bearer` (CDS Hooks 2.0 §Trusting
 * CDS Clients), with jose doing the JOSE work. Checks, cheapest and most hostile first:
 * 1. compact JWS shape and size; header `alg` ES384/RS384 only (before any key lookup), `typ` JWT when
 *    present, `kid` required;
 * 2. `iss` one of the trusted clients; a `jku` header on that client's allowlist or map (else nothing is fetched);
 * 3. signature with that client's key (the jku's mapped JWK Set, else inline JWKS, else jku, else jwksUrl);
 * 4. `aud` = the URL called, `exp` (with skew), `iat` not in the future, `exp - iat` capped, `jti` present;
 * 5. `jti` not seen before from that issuer (single use).
 * Any failure is a ClientAuthenticationError; its message never quotes the token.
 */
export class CdsClientJwtVerifier {
  private readonly clients: ReadonlyMap<string, TrustedClientConfig>;
  private readonly options: ResolvedVerifierOptions;
  private readonly keySets: ClientKeySets;
  private readonly replay: JtiReplayStore;

  /** `replayStore`: where used jtis are remembered; default in memory (per process, see JtiReplayCache). */
  constructor(config: TrustedClientsConfig, options: CdsClientJwtVerifierOptions = {}, replayStore?: JtiReplayStore) {
    // Validated again: the config may have been built in code rather than loaded from a file.
    const trusted = parseTrustedClientsConfig(config);
    this.clients = new Map(trusted.clients.map((client) => [client.iss, client]));
    this.options = resolveVerifierOptions(options);
    this.keySets = new ClientKeySets({
      timeoutMs: this.options.jwksTimeoutMs,
      cooldownMs: this.options.jwksCooldownMs,
      cacheMaxAgeMs: this.options.jwksCacheMaxAgeMs,
    });
    this.replay = replayStore ?? new JtiReplayCache(this.options.replayCacheMaxEntries, this.options.now);
  }

  /** The trusted issuers, as configured (for start-up logs). */
  get trustedIssuers(): string[] {
    return [...this.clients.keys()];
  }

  /**
   * Resolves with the client when `token` is valid for a call whose URL is one of `expectedAudiences` (the
   * token's `aud` must name one of them); rejects otherwise.
   */
  async verify(token: string, expectedAudiences: string | readonly string[]): Promise<VerifiedClient> {
    try {
      return await this.check(token, typeof expectedAudiences === 'string' ? [expectedAudiences] : [...expectedAudiences]);
    } catch (error) {
      // The replay store unreachable is not the caller's fault: 503, and the token is not accepted.
      if (error instanceof SharedStateUnavailableError) {
        throw error;
      }
      throw toClientAuthenticationError(error);
    }
  }

  private async check(token: string, expectedAudiences: string[]): Promise<VerifiedClient> {
    if (typeof token !== 'string' || token === '') {
      throw new ClientAuthenticationError('missing-token', 'no bearer token');
    }
    if (token.length > MAX_TOKEN_LENGTH || !COMPACT_JWS.test(token)) {
      throw new ClientAuthenticationError('malformed-token', 'the bearer token is not a compact JWS');
    }
    const header = checkHeader(decode(() => decodeProtectedHeader(token)));
    const claims = decode(() => decodeJwt(token));
    const client = typeof claims.iss === 'string' ? this.clients.get(claims.iss) : undefined;
    if (!client) {
      throw new ClientAuthenticationError('untrusted-issuer', 'the token iss is not a trusted CDS client');
    }
    if (
      header.jku !== undefined &&
      !(client.jkuAllowlist ?? []).includes(header.jku) &&
      mappedKeySource(client, header.jku) === undefined
    ) {
      throw new ClientAuthenticationError(
        'jku-not-allowed',
        `the token jku is neither on the jkuAllowlist nor in the jkuMap of client ${client.iss}`,
      );
    }
    if (expectedAudiences.length === 0) {
      throw new ClientAuthenticationError('wrong-audience', 'no audience is configured for this service: no token can be accepted');
    }
    const nowMs = this.options.now();
    const skew = this.options.clockSkewSeconds;
    const { payload } = await jwtVerify(token, this.keySets.forClient(client, header.jku), {
      algorithms: [...ALLOWED_ALGORITHMS],
      issuer: client.iss,
      audience: expectedAudiences,
      requiredClaims: REQUIRED_CLAIMS,
      clockTolerance: skew,
      currentDate: new Date(nowMs),
    });
    const { exp, iat, jti } = checkTimesAndJti(payload, client.iss);
    if (iat > nowMs / 1000 + skew) {
      throw new ClientAuthenticationError(
        'issued-in-future',
        `token of ${client.iss} has iat in the future beyond the ${skew} s clock skew`,
      );
    }
    if (exp - iat > this.options.maxTokenLifetimeSeconds) {
      throw new ClientAuthenticationError(
        'lifetime-too-long',
        `token of ${client.iss} lives ${exp - iat} s (exp - iat), more than ${this.options.maxTokenLifetimeSeconds} s`,
      );
    }
    if (!(await this.replay.use(client.iss, jti, (exp + skew) * 1000))) {
      throw new ClientAuthenticationError('replayed', `token of ${client.iss} was already used (jti seen before)`);
    }
    return { iss: client.iss, kid: header.kid, ...(typeof payload['tenant'] === 'string' ? { tenant: payload['tenant'] } : {}) };
  }
}

interface CheckedHeader {
  kid: string;
  jku?: string;
}

function checkHeader(header: ProtectedHeaderParameters): CheckedHeader {
  if (!isAllowedAlgorithm(header.alg)) {
    throw new ClientAuthenticationError('algorithm-not-allowed', `the token alg is not one of ${ALLOWED_ALGORITHMS.join(', ')}`);
  }
  if (header.typ !== undefined && header.typ !== 'JWT') {
    throw new ClientAuthenticationError('invalid-header', 'the token typ header is present but not "JWT"');
  }
  if (typeof header.kid !== 'string' || header.kid === '') {
    throw new ClientAuthenticationError('invalid-header', 'the token has no kid header');
  }
  if (header.jku !== undefined && typeof header.jku !== 'string') {
    throw new ClientAuthenticationError('invalid-header', 'the token jku header is not a string');
  }
  return { kid: header.kid, ...(header.jku !== undefined ? { jku: header.jku } : {}) };
}

function checkTimesAndJti(payload: JWTPayload, iss: string): { exp: number; iat: number; jti: string } {
  // jose has checked presence, and that exp/iat are numbers when present; jti's type is ours to check.
  if (typeof payload.jti !== 'string' || payload.jti === '') {
    throw new ClientAuthenticationError('invalid-claims', `token of ${iss} has no jti string`);
  }
  return { exp: payload.exp as number, iat: payload.iat as number, jti: payload.jti };
}

function decode<T>(decoder: () => T): T {
  try {
    return decoder();
  } catch {
    throw new ClientAuthenticationError('malformed-token', 'the bearer token header or payload cannot be decoded');
  }
}

function toClientAuthenticationError(error: unknown): ClientAuthenticationError {
  if (error instanceof ClientAuthenticationError) {
    return error;
  }
  if (error instanceof errors.JWTExpired) {
    return new ClientAuthenticationError('expired', 'the token has expired (exp, beyond the clock skew)');
  }
  if (error instanceof errors.JWTClaimValidationFailed) {
    // `claim` and `reason` are jose's own names for the check that failed, never token values.
    switch (error.claim) {
      case 'aud':
        return new ClientAuthenticationError('wrong-audience', 'the token aud is not the URL called');
      case 'nbf':
        return new ClientAuthenticationError('not-yet-valid', 'the token is not valid yet (nbf)');
      default:
        return new ClientAuthenticationError('invalid-claims', `the token claim ${error.claim} failed (${error.reason})`);
    }
  }
  if (error instanceof errors.JWSSignatureVerificationFailed) {
    return new ClientAuthenticationError('invalid-signature', 'the token signature does not verify');
  }
  if (error instanceof errors.JOSEAlgNotAllowed) {
    return new ClientAuthenticationError('algorithm-not-allowed', `the token alg is not one of ${ALLOWED_ALGORITHMS.join(', ')}`);
  }
  const name = error instanceof Error ? error.name : typeof error;
  return new ClientAuthenticationError('malformed-token', `the token was rejected (${name})`);
}
