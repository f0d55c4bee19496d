import { createLocalJWKSet, decodeProtectedHeader, jwtVerify } from 'jose';
import { ViewerSigner } from './viewer-signer';
import { ViewerSigning } from './viewer-signing';

const ISSUER = 'http://localhost:3000/viewer';
const BASE = 'http://127.0.0.1:3000';
const AUDIENCE = `${BASE}/cds-services/pcb-evaluation`;
const claims = { issuer: ISSUER, audience: AUDIENCE, lifetimeSeconds: 300 };
const payloadOf = (token: string): Record<string, unknown> => JSON.parse(Buffer.from(token.split('.')[1], 'base64url').toString('utf8'));

describe('ViewerSigner', () => {
  let signer: ViewerSigner;
  beforeAll(async () => {
    signer = await ViewerSigner.create();
  });

  it('signs an ES384 JWT that verifies against its published JWK Set, with the exact audience', async () => {
    const token = await signer.sign(claims);
    const { payload, protectedHeader } = await jwtVerify(token, createLocalJWKSet(signer.jwks()), {
      issuer: ISSUER,
      audience: AUDIENCE,
      algorithms: ['ES384'],
    });
    expect(protectedHeader).toEqual({ alg: 'ES384', typ: 'JWT', kid: signer.keyId });
    expect(payload.aud).toBe(AUDIENCE);
    expect(typeof payload.jti).toBe('string');
  });

  it('gives every token a fresh jti and the asked-for life', async () => {
    const now = new Date('2026-11-22T10:00:00Z');
    const [a, b] = (await Promise.all([signer.sign(claims, now), signer.sign(claims, now)])).map(payloadOf);
    expect(a['jti']).not.toBe(b['jti']);
    expect(a['iat']).toBe(now.getTime() / 1000);
    expect((a['exp'] as number) - (a['iat'] as number)).toBe(300);
  });

  it('does not verify for another audience (a token for one endpoint is not good for another)', async () => {
    const token = await signer.sign(claims);
    await expect(jwtVerify(token, createLocalJWKSet(signer.jwks()), { audience: `${BASE}/cds-services/other` })).rejects.toThrow();
  });

  it('publishes the public key only, with its kid, alg and use', async () => {
    const [key] = signer.jwks().keys;
    expect(key).toMatchObject({ kty: 'EC', crv: 'P-384', kid: signer.keyId, alg: 'ES384', use: 'sig' });
    expect(key).not.toHaveProperty('d');
    expect(decodeProtectedHeader(await signer.sign(claims)).kid).toBe(key.kid);
  });

  it('makes a new key pair each time (nothing is stored)', async () => {
    expect((await ViewerSigner.create()).keyId).not.toBe(signer.keyId);
  });
});

describe('ViewerSigning', () => {
  it('signs for the URL called by default, and for the public base URL when the service checks that', async () => {
    const signer = await ViewerSigner.create();
    const called = await new ViewerSigning(signer, { issuer: ISSUER, tokenLifetimeSeconds: 60 }).authorization(
      BASE,
      '/cds-services/x/feedback',
    );
    expect(payloadOf((called ?? '').replace(/^Bearer /, ''))).toMatchObject({ iss: ISSUER, aud: `${BASE}/cds-services/x/feedback` });
    const publicAud = await new ViewerSigning(signer, {
      issuer: ISSUER,
      tokenLifetimeSeconds: 60,
      audienceBaseUrl: 'https://cds.example.org/pcb',
    }).authorization(BASE, '/cds-services/x');
    expect(payloadOf((publicAud ?? '').replace(/^Bearer /, ''))['aud']).toBe('https://cds.example.org/pcb/cds-services/x');
  });

  it('adds nothing with signing off', async () => {
    await expect(new ViewerSigning(undefined, undefined).authorization(BASE, '/cds-services')).resolves.toBeUndefined();
  });
});
