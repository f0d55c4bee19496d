import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { JSONWebKeySet } from 'jose';
import { compactVerify, createLocalJWKSet, decodeProtectedHeader, generateKeyPair, SignJWT } from 'jose';
import { specDataDir, readSpecJson } from '@pcb-cds/cds-hooks-api/testing';
import { hmacToken, testClaims, TestCdsClient, unsignedToken } from '../testing';
import type { CdsClientJwtVerifierOptions } from './cds-client-jwt-verifier.options';
import { CdsClientJwtVerifier } from './cds-client-jwt.verifier';
import { ClientAuthenticationError } from './client-authentication.error';
import type { TrustedClientConfig } from './trusted-clients.config';
import { TrustedClientsConfigError } from './trusted-clients-config.error';

const AUD = 'https://cds.example.org/cds-services/pcb-evaluation';
// Nothing listens there: a key set fetched from it could only fail, so a success proves nothing was fetched.
const DEAD_JKU = 'http://127.0.0.1:9/.well-known/jwks.json';

const specExpired = readFileSync(join(specDataDir(), 'cds-hooks-spec/spec-2.0.1-examples/jwt-example-expired.txt'), 'utf8').trim();
const specJwks = readSpecJson<JSONWebKeySet>('cds-hooks-spec/spec-2.0.1-examples/jwks-public.json');
const specPayload = readSpecJson<{ iss: string; aud: string; tenant: string; exp: number; iat: number }>(
  'cds-hooks-spec/spec-2.0.1-examples/jwt-payload.json',
);
const specJku = readSpecJson<{ jku: string }>('cds-hooks-spec/spec-2.0.1-examples/jwt-header.json').jku;

let es: TestCdsClient;
let rs: TestCdsClient;

beforeAll(async () => {
  es = await TestCdsClient.create({ iss: 'https://ehr-es.example' });
  rs = await TestCdsClient.create({ iss: 'https://ehr-rs.example', alg: 'RS384' });
});

function verifierFor(clients: TrustedClientConfig[], options: CdsClientJwtVerifierOptions = {}): CdsClientJwtVerifier {
  return new CdsClientJwtVerifier({ clients }, options);
}

function defaultVerifier(options: CdsClientJwtVerifierOptions = {}): CdsClientJwtVerifier {
  return verifierFor([es.trustedClient(), rs.trustedClient()], options);
}

/**
 * The reason `token` is refused ('accepted' if it is not). Also checks the error is the one error type and
 * that its message quotes no part of the token.
 */
async function reasonFor(token: string, verifier = defaultVerifier(), aud = AUD): Promise<string> {
  try {
    await verifier.verify(token, aud);
    return 'accepted';
  } catch (error) {
    expect(error).toBeInstanceOf(ClientAuthenticationError);
    const message = (error as Error).message;
    for (const part of token.split('.').filter((p) => p.length >= 8)) {
      expect(message).not.toContain(part);
    }
    return (error as ClientAuthenticationError).reason;
  }
}

describe('CdsClientJwtVerifier: valid tokens', () => {
  it('accepts an ES384 token of a trusted client and says who it is', async () => {
    const verified = await defaultVerifier().verify(await es.token(AUD, { tenant: 'hospital-1' }), AUD);
    expect(verified).toEqual({ iss: es.iss, kid: es.kid, tenant: 'hospital-1' });
  });

  it('accepts an RS384 token', async () => {
    expect(await defaultVerifier().verify(await rs.token(AUD), AUD)).toEqual({ iss: rs.iss, kid: rs.kid });
  });

  it('accepts aud as an array containing the URL called', async () => {
    expect(await reasonFor(await es.token(['https://other.example/x', AUD]))).toBe('accepted');
  });

  it('accepts a token without typ (typ is checked only when present)', async () => {
    expect(await reasonFor(await es.token(AUD, { typ: null }))).toBe('accepted');
  });

  it('uses the pinned inline keys when the jku is allowlisted, fetching nothing', async () => {
    const verifier = verifierFor([{ ...es.trustedClient(), jkuAllowlist: [DEAD_JKU] }]);
    expect(await reasonFor(await es.token(AUD, { jku: DEAD_JKU }), verifier)).toBe('accepted');
  });
});

describe('CdsClientJwtVerifier: the spec example JWT (ES384, verifies against jwks-public.json, exp in 2015)', () => {
  const specClient: TrustedClientConfig = { iss: specPayload.iss, jwks: specJwks, jkuAllowlist: [specJku] };

  it('has a genuinely valid signature, so refusing it is about time alone', async () => {
    await expect(compactVerify(specExpired, createLocalJWKSet(specJwks))).resolves.toBeDefined();
    expect(decodeProtectedHeader(specExpired)).toMatchObject({ alg: 'ES384', kid: 'example-kid', jku: specJku });
  });

  it('is refused as expired', async () => {
    expect(await reasonFor(specExpired, verifierFor([specClient]), specPayload.aud)).toBe('expired');
  });

  it('is accepted with the clock inside its window and its (long) lifetime allowed: only time refuses it', async () => {
    const verifier = verifierFor([specClient], { now: () => (specPayload.exp - 60) * 1000, maxTokenLifetimeSeconds: 200_000_000 });
    expect(await verifier.verify(specExpired, specPayload.aud)).toEqual({
      iss: specPayload.iss,
      kid: 'example-kid',
      tenant: specPayload.tenant,
    });
  });

  it('is refused for its jku when that is not on the allowlist', async () => {
    expect(await reasonFor(specExpired, verifierFor([{ iss: specPayload.iss, jwks: specJwks }]), specPayload.aud)).toBe('jku-not-allowed');
  });
});

describe('CdsClientJwtVerifier: header checks (before any key lookup)', () => {
  it('refuses alg none (an unsigned token)', async () => {
    const token = unsignedToken(testClaims(es.iss, AUD), { kid: es.kid });
    expect(await reasonFor(token)).toBe('algorithm-not-allowed');
  });

  it.each([
    ['the public key PEM', async (): Promise<string> => es.publicKeyPem()],
    ['the public JWK JSON', async (): Promise<string> => JSON.stringify(es.publicJwk)],
  ])('refuses HS256 signed with %s as the HMAC secret (key confusion)', async (_label, secret) => {
    const token = await hmacToken(await secret(), testClaims(es.iss, AUD), { kid: es.kid });
    expect(await reasonFor(token)).toBe('algorithm-not-allowed');
  });

  it.each([['ES256'], ['ES512'], ['RS256'], ['PS384'], ['EdDSA']])('refuses %s, even from a trusted client key id', async (alg) => {
    const { privateKey } = await generateKeyPair(alg, { modulusLength: 2048 });
    const token = await new SignJWT(testClaims(es.iss, AUD)).setProtectedHeader({ alg, typ: 'JWT', kid: es.kid }).sign(privateKey);
    expect(await reasonFor(token)).toBe('algorithm-not-allowed');
  });

  it.each([['at+jwt'], ['jwt'], ['JOSE']])('refuses typ %s', async (typ) => {
    expect(await reasonFor(await es.token(AUD, { typ }))).toBe('invalid-header');
  });

  it('refuses a token without kid', async () => {
    const token = await new SignJWT(testClaims(es.iss, AUD)).setProtectedHeader({ alg: 'ES384', typ: 'JWT' }).sign(es.privateKey);
    expect(await reasonFor(token)).toBe('invalid-header');
  });

  it('refuses a non-string jku', async () => {
    const token = await new SignJWT(testClaims(es.iss, AUD))
      .setProtectedHeader({ alg: 'ES384', typ: 'JWT', kid: es.kid, jku: 42 as unknown as string })
      .sign(es.privateKey);
    expect(await reasonFor(token)).toBe('invalid-header');
  });

  it.each([
    ['empty', '', 'missing-token'],
    ['one segment', 'abcdefgh', 'malformed-token'],
    ['two segments', 'abcdefgh.ijklmnop', 'malformed-token'],
    ['five segments (JWE)', 'aaaaaaaa.bbbbbbbb.cccccccc.dddddddd.eeeeeeee', 'malformed-token'],
    ['a header that is not JSON', `${Buffer.from('not json').toString('base64url')}.e30.c2lnbmF0dXJl`, 'malformed-token'],
    ['characters outside base64url', 'eyJh+GciOi.eyJpc3Mi.c2ln', 'malformed-token'],
    ['an oversized token', `${'a'.repeat(9000)}.${'b'.repeat(10)}.${'c'.repeat(10)}`, 'malformed-token'],
  ])('refuses %s', async (_label, token, reason) => {
    expect(await reasonFor(token)).toBe(reason);
  });

  it('refuses a payload that is not a JSON object', async () => {
    const header = Buffer.from(JSON.stringify({ alg: 'ES384', typ: 'JWT', kid: es.kid })).toString('base64url');
    expect(await reasonFor(`${header}.${Buffer.from('[1,2]').toString('base64url')}.c2lnbmF0dXJl`)).toBe('malformed-token');
  });
});

describe('CdsClientJwtVerifier: issuer and keys', () => {
  it('refuses an untrusted iss, even with a valid signature', async () => {
    const stranger = await TestCdsClient.create({ iss: 'https://stranger.example' });
    expect(await reasonFor(await stranger.token(AUD))).toBe('untrusted-issuer');
  });

  it('refuses a trusted iss signed by another key', async () => {
    const impostor = await TestCdsClient.create({ iss: es.iss, kid: es.kid });
    expect(await reasonFor(await impostor.token(AUD))).toBe('invalid-signature');
  });

  it('refuses a missing or non-string iss', async () => {
    expect(await reasonFor(await es.token(AUD, { omit: ['iss'] }))).toBe('untrusted-issuer');
    expect(await reasonFor(await es.token(AUD, { claims: { iss: 7 } }))).toBe('untrusted-issuer');
  });

  it('refuses an unknown kid', async () => {
    expect(await reasonFor(await es.token(AUD, { kid: 'not-a-configured-kid' }))).toBe('unknown-key');
  });

  it("refuses an ES384 token naming the kid of the client's RSA key (key type must match alg)", async () => {
    const both = verifierFor([{ iss: es.iss, jwks: { keys: [es.publicJwk, { ...rs.publicJwk, kid: 'rsa-key' }] } }]);
    expect(await reasonFor(await es.token(AUD, { kid: 'rsa-key' }), both)).toBe('unknown-key');
  });

  it('refuses a jku that is not on the allowlist of the client', async () => {
    const verifier = verifierFor([{ ...es.trustedClient(), jkuAllowlist: [DEAD_JKU] }]);
    expect(await reasonFor(await es.token(AUD, { jku: 'https://attacker.example/jwks.json' }), verifier)).toBe('jku-not-allowed');
    expect(await reasonFor(await es.token(AUD, { jku: `${DEAD_JKU}?` }), verifier)).toBe('jku-not-allowed');
  });
});

describe('CdsClientJwtVerifier: claims', () => {
  it.each([
    ['another service', 'https://cds.example.org/cds-services/other'],
    ['the discovery URL', 'https://cds.example.org/cds-services'],
    ['a trailing slash', `${AUD}/`],
    ['another host', 'https://evil.example/cds-services/pcb-evaluation'],
    ['http instead of https', 'http://cds.example.org/cds-services/pcb-evaluation'],
  ])('refuses aud for %s', async (_label, aud) => {
    expect(await reasonFor(await es.token(aud))).toBe('wrong-audience');
  });

  it('refuses an aud array without the URL called, and a missing aud', async () => {
    expect(await reasonFor(await es.token(['https://a.example', 'https://b.example']))).toBe('wrong-audience');
    expect(await reasonFor(await es.token(AUD, { omit: ['aud'] }))).toBe('wrong-audience');
  });

  it.each([['exp'], ['iat'], ['jti']] as const)('refuses a token without %s', async (claim) => {
    expect(await reasonFor(await es.token(AUD, { omit: [claim] }))).toBe('invalid-claims');
  });

  it.each([
    ['a numeric jti', { jti: 12345 }],
    ['an empty jti', { jti: '' }],
    ['a string exp', { exp: 'tomorrow' }],
    ['a string iat', { iat: 'today' }],
  ])('refuses %s', async (_label, claims) => {
    expect(await reasonFor(await es.token(AUD, { claims }))).toBe('invalid-claims');
  });

  describe('with a pinned clock', () => {
    const now = 1_800_000_000_000;
    const nowS = now / 1000;
    const pinned = (options: CdsClientJwtVerifierOptions = {}): CdsClientJwtVerifier => defaultVerifier({ now: () => now, ...options });

    it('refuses a token expired beyond the 60 s skew, accepts one expired within it', async () => {
      expect(await reasonFor(await es.token(AUD, { iat: nowS - 200, exp: nowS - 61 }), pinned())).toBe('expired');
      expect(await reasonFor(await es.token(AUD, { iat: nowS - 200, exp: nowS - 59 }), pinned())).toBe('accepted');
    });

    it('refuses iat in the future beyond the skew, accepts it within', async () => {
      expect(await reasonFor(await es.token(AUD, { iat: nowS + 61, exp: nowS + 120 }), pinned())).toBe('issued-in-future');
      expect(await reasonFor(await es.token(AUD, { iat: nowS + 59, exp: nowS + 120 }), pinned())).toBe('accepted');
    });

    it('refuses nbf in the future beyond the skew', async () => {
      expect(await reasonFor(await es.token(AUD, { now, claims: { nbf: nowS + 120 } }), pinned())).toBe('not-yet-valid');
    });

    it('caps the lifetime exp - iat at 300 s by default', async () => {
      expect(await reasonFor(await es.token(AUD, { now, lifetimeSeconds: 301 }), pinned())).toBe('lifetime-too-long');
      expect(await reasonFor(await es.token(AUD, { now, lifetimeSeconds: 300 }), pinned())).toBe('accepted');
    });

    it('takes the skew and the lifetime cap from the options', async () => {
      const strict = pinned({ clockSkewSeconds: 0, maxTokenLifetimeSeconds: 60 });
      expect(await reasonFor(await es.token(AUD, { iat: nowS - 30, exp: nowS - 1 }), strict)).toBe('expired');
      expect(await reasonFor(await es.token(AUD, { now, lifetimeSeconds: 61 }), strict)).toBe('lifetime-too-long');
      expect(await reasonFor(await es.token(AUD, { now, lifetimeSeconds: 60 }), strict)).toBe('accepted');
    });

    it('forgets a used jti once the token has expired, since it would be refused anyway', async () => {
      let clock = now;
      const verifier = defaultVerifier({ now: () => clock });
      const token = await es.token(AUD, { now, lifetimeSeconds: 60 });
      expect(await reasonFor(token, verifier)).toBe('accepted');
      clock = now + 119_000;
      expect(await reasonFor(token, verifier)).toBe('replayed');
      clock = now + 121_000;
      expect(await reasonFor(token, verifier)).toBe('expired');
    });
  });
});

describe('CdsClientJwtVerifier: replay', () => {
  it('accepts a token once and refuses its second use', async () => {
    const verifier = defaultVerifier();
    const token = await es.token(AUD);
    expect(await reasonFor(token, verifier)).toBe('accepted');
    expect(await reasonFor(token, verifier)).toBe('replayed');
  });

  it('refuses a new token reusing a jti of the same client', async () => {
    const verifier = defaultVerifier();
    expect(await reasonFor(await es.token(AUD, { jti: 'nonce-1' }), verifier)).toBe('accepted');
    expect(await reasonFor(await es.token(AUD, { jti: 'nonce-1' }), verifier)).toBe('replayed');
  });

  it('lets two clients use the same jti', async () => {
    const verifier = defaultVerifier();
    expect(await reasonFor(await es.token(AUD, { jti: 'shared' }), verifier)).toBe('accepted');
    expect(await reasonFor(await rs.token(AUD, { jti: 'shared' }), verifier)).toBe('accepted');
  });

  it('lets exactly one of two concurrent uses of a token through', async () => {
    const verifier = defaultVerifier();
    const token = await es.token(AUD);
    const reasons = await Promise.all([reasonFor(token, verifier), reasonFor(token, verifier)]);
    expect(reasons.sort()).toEqual(['accepted', 'replayed']);
  });

  it('does not burn the jti of a refused token (a forged copy cannot block the real one)', async () => {
    const verifier = defaultVerifier();
    const impostor = await TestCdsClient.create({ iss: es.iss, kid: es.kid });
    expect(await reasonFor(await impostor.token(AUD, { jti: 'victim' }), verifier)).toBe('invalid-signature');
    expect(await reasonFor(await es.token(AUD, { jti: 'victim' }), verifier)).toBe('accepted');
  });
});

describe('CdsClientJwtVerifier: construction', () => {
  it('validates a configuration built in code', () => {
    expect(() => new CdsClientJwtVerifier({ clients: [{ iss: 'https://a.example', jwksUrl: 'http://a.example/jwks' }] })).toThrow(
      TrustedClientsConfigError,
    );
  });

  it.each([
    [{ clockSkewSeconds: -1 }, 'clockSkewSeconds'],
    [{ maxTokenLifetimeSeconds: 0 }, 'maxTokenLifetimeSeconds'],
    [{ jwksTimeoutMs: Number.NaN }, 'jwksTimeoutMs'],
    [{ replayCacheMaxEntries: 2.5 }, 'replayCacheMaxEntries'],
  ])('refuses option %j', (options, name) => {
    expect(() => defaultVerifier(options)).toThrow(name);
  });

  it('lists the trusted issuers', () => {
    expect(defaultVerifier().trustedIssuers).toEqual([es.iss, rs.iss]);
  });
});
