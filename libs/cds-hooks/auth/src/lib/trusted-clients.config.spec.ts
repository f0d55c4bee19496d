import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { generateKeyPairSync } from 'node:crypto';
import type { JSONWebKeySet, JWK } from 'jose';
import { readSpecJson } from '@pcb-cds/cds-hooks-api/testing';
import { loadTrustedClientsConfig, parseTrustedClientsConfig } from './trusted-clients.config';
import { TrustedClientsConfigError } from './trusted-clients-config.error';

const sandboxJwks = readSpecJson<JSONWebKeySet>('cds-hooks-spec/test-vectors/sandbox-client/jwks.json');
const specJwks = readSpecJson<JSONWebKeySet>('cds-hooks-spec/spec-2.0.1-examples/jwks-public.json');
const specPrivateJwk = readSpecJson<JWK>('cds-hooks-spec/spec-2.0.1-examples/jwk-private-EXAMPLE-ONLY.json');
const ecKey = specJwks.keys[0];

function rsaJwk(bits: number, kid = 'rsa-1'): JWK {
  const { publicKey } = generateKeyPairSync('rsa', { modulusLength: bits });
  return { ...(publicKey.export({ format: 'jwk' }) as JWK), kid, alg: 'RS384' };
}

function withKey(key: unknown): unknown {
  return { clients: [{ iss: 'https://ehr.example', jwks: { keys: [key] } }] };
}

// Titles by message: the values themselves make unreadable test names.
function swap(cases: Array<[unknown, string]>): Array<[string, unknown]> {
  return cases.map(([value, message]) => [message, value]);
}

function expectError(value: unknown, message: string | RegExp): void {
  expect(() => parseTrustedClientsConfig(value)).toThrow(TrustedClientsConfigError);
  expect(() => parseTrustedClientsConfig(value)).toThrow(message);
}

describe('parseTrustedClientsConfig', () => {
  it('accepts the repository file config/trusted-clients.json: the CDS Hooks sandbox with its published JWKS', () => {
    const config = loadTrustedClientsConfig(join(__dirname, '../../../../../config/trusted-clients.json'));
    expect(config.clients).toHaveLength(1);
    expect(config.clients[0].iss).toBe('https://sandbox.cds-hooks.org');
    expect(config.clients[0].jwks).toEqual(sandboxJwks);
    expect(config.clients[0].jkuAllowlist).toEqual(['https://sandbox.cds-hooks.org/.well-known/jwks.json']);
  });

  it('accepts inline, jwksUrl + jkuAllowlist, jkuAllowlist-only, RSA and loopback-http clients', () => {
    const config = {
      clients: [
        { iss: 'https://a.example', jwks: specJwks },
        { iss: 'https://b.example', jwksUrl: 'https://b.example/jwks.json', jkuAllowlist: ['https://b.example/jwks.json'] },
        { iss: 'https://c.example', jkuAllowlist: ['http://127.0.0.1:8080/jwks', 'http://localhost/jwks'] },
        { iss: 'https://d.example', jwks: { keys: [rsaJwk(2048)] } },
      ],
    };
    expect(parseTrustedClientsConfig(config)).toEqual(config);
  });

  it('accepts a jkuMap to a JWK Set URL or an inline JWK Set, as the only key source', () => {
    const config = {
      clients: [
        { iss: 'https://a.example', jkuMap: { 'https://sandbox.example/jwks.json': 'http://127.0.0.1:9000/jwks.json' } },
        { iss: 'https://b.example', jwksUrl: 'https://b.example/jwks.json', jkuMap: { 'https://b.example/other.json': specJwks } },
      ],
    };
    expect(parseTrustedClientsConfig(config)).toEqual(config);
  });

  it.each([
    [{ 'not a url': 'https://a.example/jwks.json' }, 'jkuMap key "not a url" must be an absolute URL'],
    [{ 'https://a.example/jwks.json': 'http://a.example/jwks.json' }, 'must be an https URL'],
    [{ 'https://a.example/jwks.json': 'no-such-file.json' }, 'names a JWK Set file that cannot be read'],
    [{ 'https://a.example/jwks.json': { keys: [] } }, 'must contain at least one key'],
    [['https://a.example/jwks.json'], 'must be an object mapping jku URLs'],
  ])('refuses the jkuMap %o', (jkuMap, message) => {
    expect(() => parseTrustedClientsConfig({ clients: [{ iss: 'https://a.example', jkuMap }] })).toThrow(message);
  });

  it('accepts an empty client list (everything will be refused)', () => {
    expect(parseTrustedClientsConfig({ clients: [] })).toEqual({ clients: [] });
  });

  it.each(
    swap([
      [null, '(root) must be an object'],
      [[], '(root) must be an object'],
      [{}, 'clients must be an array'],
      [{ clients: {} }, 'clients must be an array'],
      [{ clients: [], extra: 1 }, 'extra is not allowed here'],
      [{ clients: ['x'] }, 'clients[0] must be an object'],
      [{ clients: [{ iss: 'https://a.example', jwks: specJwks, jwksUri: 'https://x' }] }, 'clients[0].jwksUri is not allowed here'],
      [{ clients: [{ iss: 42, jwks: specJwks }] }, 'clients[0].iss must be a non-empty string'],
      [{ clients: [{ iss: ' ', jwks: specJwks }] }, 'clients[0].iss must be a non-empty string'],
      [{ clients: [{ jwks: specJwks }] }, 'clients[0].iss must be a non-empty string'],
      [{ clients: [{ iss: 'https://a.example' }] }, 'clients[0] needs a key source'],
      [{ clients: [{ iss: 'https://a.example', jkuAllowlist: [] }] }, 'clients[0] needs a key source'],
      [
        { clients: [{ iss: 'https://a.example', jwks: specJwks, jwksUrl: 'https://a.example/jwks' }] },
        'clients[0] must have either jwks or jwksUrl',
      ],
      [{ clients: [{ iss: 'https://a.example', jwksUrl: 7 }] }, 'clients[0].jwksUrl must be a non-empty string'],
      [{ clients: [{ iss: 'https://a.example', jwksUrl: 'jwks.json' }] }, 'clients[0].jwksUrl must be an absolute URL'],
      [{ clients: [{ iss: 'https://a.example', jwksUrl: 'http://a.example/jwks' }] }, 'clients[0].jwksUrl must be an https URL'],
      [{ clients: [{ iss: 'https://a.example', jwksUrl: 'ftp://a.example/jwks' }] }, 'clients[0].jwksUrl must be an https URL'],
      [
        { clients: [{ iss: 'https://a.example', jwksUrl: 'https://u:p@a.example/jwks' }] },
        'clients[0].jwksUrl must not contain credentials',
      ],
      [{ clients: [{ iss: 'https://a.example', jwksUrl: 'https://a.example/jwks#k' }] }, 'clients[0].jwksUrl must not contain a fragment'],
      [{ clients: [{ iss: 'https://a.example', jkuAllowlist: 'https://a.example/jwks' }] }, 'clients[0].jkuAllowlist must be an array'],
      [
        { clients: [{ iss: 'https://a.example', jkuAllowlist: ['https://a.example/jwks', 3] }] },
        'clients[0].jkuAllowlist[1] must be a non-empty string',
      ],
      [
        {
          clients: [
            { iss: 'https://a.example', jwks: specJwks },
            { iss: 'https://a.example', jwks: sandboxJwks },
          ],
        },
        'clients[1].iss duplicates clients[0].iss',
      ],
    ]),
  )('refuses with "%s"', (message, value) => {
    expectError(value, message);
  });

  it.each(
    swap([
      [{ keys: [] }, 'clients[0].jwks.keys must contain at least one key'],
      [{ keys: {} }, 'clients[0].jwks.keys must be an array'],
      [{ keys: [ecKey], extra: true }, 'clients[0].jwks.extra is not allowed here'],
      [{ keys: [ecKey, { ...ecKey }] }, 'clients[0].jwks.keys[1].kid duplicates clients[0].jwks.keys[0].kid'],
    ]),
  )('refuses the JWK Set with "%s"', (message, jwks) => {
    expectError({ clients: [{ iss: 'https://ehr.example', jwks }] }, message);
  });

  it.each([
    ['a private EC key (the spec example private JWK)', specPrivateJwk, 'clients[0].jwks.keys[0].d is a private/secret key member'],
    ['a symmetric key', { kty: 'oct', kid: 's', k: 'c2VjcmV0' }, 'clients[0].jwks.keys[0].k is a private/secret key member'],
    ['an OKP key', { kty: 'OKP', kid: 'o', crv: 'Ed25519', x: 'abc' }, 'clients[0].jwks.keys[0].kty must be "EC" or "RSA"'],
    ['a key without kid', { ...ecKey, kid: undefined }, 'clients[0].jwks.keys[0].kid must be a non-empty string'],
    ['an HS256 alg', { ...ecKey, alg: 'HS256' }, 'clients[0].jwks.keys[0].alg must be one of ES384, RS384'],
    ['an alg not matching kty', { ...ecKey, alg: 'RS384' }, 'clients[0].jwks.keys[0].alg must be one of ES384, RS384 matching kty EC'],
    ['use enc', { ...ecKey, use: 'enc' }, 'clients[0].jwks.keys[0].use must be "sig"'],
    ['a P-256 key', { ...ecKey, crv: 'P-256' }, 'clients[0].jwks.keys[0].crv must be "P-384"'],
    ['an unknown member', { ...ecKey, foo: 1 }, 'clients[0].jwks.keys[0].foo is not allowed here'],
    ['a non-string x', { ...ecKey, x: 1 }, 'clients[0].jwks.keys[0].x must be a non-empty string'],
    ['a point off the curve', { ...ecKey, x: ecKey.y }, 'clients[0].jwks.keys[0] is not a valid EC public key'],
    ['a 1024-bit RSA key', rsaJwk(1024), 'clients[0].jwks.keys[0].n must be an RSA modulus of at least 2048 bits'],
    ['an RSA key without e', { ...rsaJwk(2048), e: undefined }, 'clients[0].jwks.keys[0].e must be a non-empty string'],
  ])('refuses %s', (_label, key, message) => {
    expectError(withKey(key), message);
  });
});

describe('loadTrustedClientsConfig', () => {
  const dir = mkdtempSync(join(tmpdir(), 'trusted-clients-'));

  it('names the file when it cannot be read', () => {
    const file = join(dir, 'missing.json');
    expect(() => loadTrustedClientsConfig(file)).toThrow(`Cannot read trusted clients file ${file}`);
  });

  it('names the file when it is not JSON', () => {
    const file = join(dir, 'broken.json');
    writeFileSync(file, '{ "clients": [ }');
    expect(() => loadTrustedClientsConfig(file)).toThrow(`Trusted clients file ${file} is not valid JSON`);
  });

  it('names the file and the key path when a value is wrong', () => {
    const file = join(dir, 'wrong.json');
    writeFileSync(file, JSON.stringify({ clients: [{ iss: 'https://a.example', jwksUrl: 'http://a.example/jwks' }] }));
    expect(() => loadTrustedClientsConfig(file)).toThrow(`Trusted clients file ${file}: clients[0].jwksUrl must be an https URL`);
  });
});
