import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { JwksTestServer } from '../testing';
import { startJwksTestServer, TestCdsClient } from '../testing';
import { CdsClientJwtVerifier } from './cds-client-jwt.verifier';
import { ClientAuthenticationError } from './client-authentication.error';
import type { TrustedClientConfig } from './trusted-clients.config';
import { loadTrustedClientsConfig } from './trusted-clients.config';

// A trusted client that always names a `jku` (as the CDS Hooks sandbox does) verified without reaching that
// jku: its keys pinned beside the allowlist, or the jku mapped (jkuMap) to a local JWK Set file or a mirror URL.
// The "jku" here is a loopback trap that counts requests: it must receive none.

const AUD = 'https://cds.example.org/cds-services/pcb-evaluation';

let sandbox: TestCdsClient;
let trap: JwksTestServer;
let mirror: JwksTestServer;

beforeAll(async () => {
  sandbox = await TestCdsClient.create({ iss: 'https://sandbox.cds-hooks.org' });
  trap = await startJwksTestServer(sandbox.jwks);
  mirror = await startJwksTestServer(sandbox.jwks);
});

afterAll(async () => {
  await Promise.all([trap, mirror].map((s) => s?.close()));
});

async function reasonFor(client: TrustedClientConfig, token: string): Promise<string> {
  try {
    await new CdsClientJwtVerifier({ clients: [client] }, { jwksTimeoutMs: 300 }).verify(token, AUD);
    return 'accepted';
  } catch (error) {
    expect(error).toBeInstanceOf(ClientAuthenticationError);
    return (error as ClientAuthenticationError).reason;
  }
}

/** A trusted-clients file (and the sandbox's JWK Set file beside it), loaded as the service loads it. */
function loadFromFile(client: (jwksFile: string) => object): TrustedClientConfig {
  const dir = mkdtempSync(join(tmpdir(), 'trusted-clients-'));
  writeFileSync(join(dir, 'sandbox-jwks.json'), JSON.stringify(sandbox.jwks));
  writeFileSync(join(dir, 'trusted-clients.json'), JSON.stringify({ clients: [client('sandbox-jwks.json')] }));
  return loadTrustedClientsConfig(join(dir, 'trusted-clients.json')).clients[0];
}

describe('a client that sends a jku, verified offline', () => {
  it('configured by jwksUrl alone, a token with a jku is refused (the jku is neither allowlisted nor mapped) and nothing is fetched', async () => {
    const token = await sandbox.token(AUD, { jku: trap.url });
    expect(await reasonFor({ iss: sandbox.iss, jwksUrl: mirror.url }, token)).toBe('jku-not-allowed');
    expect(trap.requests + mirror.requests).toBe(0);
  });

  it('keys pinned (jwks) beside a jkuAllowlist: accepted, the jku never fetched', async () => {
    expect(
      await reasonFor({ iss: sandbox.iss, jwks: sandbox.jwks, jkuAllowlist: [trap.url] }, await sandbox.token(AUD, { jku: trap.url })),
    ).toBe('accepted');
    expect(trap.requests).toBe(0);
  });

  it('jkuMap to a local JWK Set file (relative to the trusted-clients file): accepted, nothing fetched', async () => {
    const client = loadFromFile((file) => ({ iss: sandbox.iss, jkuMap: { [trap.url]: file } }));
    expect(client.jkuMap?.[trap.url]).toEqual(sandbox.jwks);
    expect(await reasonFor(client, await sandbox.token(AUD, { jku: trap.url }))).toBe('accepted');
    expect(trap.requests).toBe(0);
  });

  it('jkuMap beside a jwksUrl: the mapped jku is read from the mirror; a token without jku from jwksUrl; another jku refused', async () => {
    const before = mirror.requests;
    const client: TrustedClientConfig = { iss: sandbox.iss, jwksUrl: mirror.url, jkuMap: { [trap.url]: mirror.url } };
    expect(await reasonFor(client, await sandbox.token(AUD, { jku: trap.url }))).toBe('accepted');
    expect(await reasonFor(client, await sandbox.token(AUD))).toBe('accepted');
    expect(await reasonFor(client, await sandbox.token(AUD, { jku: `${trap.url}?other` }))).toBe('jku-not-allowed');
    expect(mirror.requests).toBeGreaterThan(before);
    expect(trap.requests).toBe(0);
  });

  it('a mapped JWK Set holding another key: the signature check still fails', async () => {
    const other = await TestCdsClient.create({ kid: sandbox.kid });
    expect(await reasonFor({ iss: sandbox.iss, jkuMap: { [trap.url]: other.jwks } }, await sandbox.token(AUD, { jku: trap.url }))).toBe(
      'invalid-signature',
    );
    expect(trap.requests).toBe(0);
  });
});
