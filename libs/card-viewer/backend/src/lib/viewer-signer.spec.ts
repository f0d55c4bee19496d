import { createLocalJWKSet, decodeProtectedHeader, jwtVerify } from 'jose';
import { ViewerSigner } from './viewer-signer';

const ISSUER = 'http://localhost:3000/viewer';
const AUDIENCE = 'http://127.0.0.1:3000/cds-services/pcb-evaluation';

describe('ViewerSigner', () => {
  let signer: ViewerSigner;
  beforeAll(async () => {
    signer = await ViewerSigner.create({ issuer: ISSUER, tokenLifetimeSeconds: 300 });
  });

  it('signs an ES384 JWT that verifies against its published JWK Set, with the exact audience', async () => {
    const token = await signer.sign(AUDIENCE);
    const { payload, protectedHeader } = await jwtVerify(token, createLocalJWKSet(signer.jwks()), {
      issuer: ISSUER,
      audience: AUDIENCE,
      algorithms: ['ES384'],
    });
    expect(protectedHeader).toEqual({ alg: 'ES384', typ: 'JWT', kid: signer.keyId });
    expect(payload.aud).toBe(AUDIENCE);
    expect(typeof payload.jti).toBe('string');
  });

  it('gives every token a fresh jti and a five-minute life', async () => {
    const now = new Date('2026-11-22T10:00:00Z');
    const tokens = await Promise.all([signer.sign(AUDIENCE, now), signer.sign(AUDIENCE, now)]);
    const payloads = tokens.map((t) => JSON.parse(Buffer.from(t.split('.')[1], 'base64url').toString('utf8')));
    expect(payloads[0].jti).not.toBe(payloads[1].jti);
    expect(payloads[0].iat).toBe(now.getTime() / 1000);
    expect(payloads[0].exp - payloads[0].iat).toBe(300);
  });

  it('does not verify for another audience (a token for one endpoint is not good for another)', async () => {
    const token = await signer.sign(AUDIENCE);
    await expect(
      jwtVerify(token, createLocalJWKSet(signer.jwks()), { audience: 'http://127.0.0.1:3000/cds-services/other' }),
    ).rejects.toThrow();
  });

  it('publishes the public key only, with its kid, alg and use', () => {
    const [key] = signer.jwks().keys;
    expect(key).toMatchObject({ kty: 'EC', crv: 'P-384', kid: signer.keyId, alg: 'ES384', use: 'sig' });
    expect(key).not.toHaveProperty('d');
  });

  it('names its key by the kid in the token header', async () => {
    expect(decodeProtectedHeader(await signer.sign(AUDIENCE)).kid).toBe(signer.jwks().keys[0].kid);
  });

  it('makes a new key pair per start-up (nothing is stored)', async () => {
    const other = await ViewerSigner.create({ issuer: ISSUER, tokenLifetimeSeconds: 300 });
    expect(other.keyId).not.toBe(signer.keyId);
  });
});
