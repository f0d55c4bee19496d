import type { JwksTestServer } from '../testing';
import { hmacToken, startJwksTestServer, testClaims, TestCdsClient } from '../testing';
import type { CdsClientJwtVerifierOptions } from './cds-client-jwt-verifier.options';
import { CdsClientJwtVerifier } from './cds-client-jwt.verifier';
import { ClientAuthenticationError } from './client-authentication.error';
import type { TrustedClientConfig } from './trusted-clients.config';

// Remote JWK Sets, over real HTTP to JWKS servers on 127.0.0.1 (ephemeral ports).

const AUD = 'https://cds.example.org/cds-services/pcb-evaluation';

let client: TestCdsClient;
const servers: JwksTestServer[] = [];

beforeAll(async () => {
  client = await TestCdsClient.create({ iss: 'https://ehr-remote.example' });
});

afterEach(async () => {
  await Promise.all(servers.splice(0).map((s) => s.close()));
});

async function server(...args: Parameters<typeof startJwksTestServer>): Promise<JwksTestServer> {
  const started = await startJwksTestServer(...args);
  servers.push(started);
  return started;
}

function verifierFor(trusted: TrustedClientConfig, options: CdsClientJwtVerifierOptions = {}): CdsClientJwtVerifier {
  return new CdsClientJwtVerifier({ clients: [trusted] }, { jwksTimeoutMs: 300, ...options });
}

async function reasonFor(verifier: CdsClientJwtVerifier, token: string): Promise<string> {
  try {
    await verifier.verify(token, AUD);
    return 'accepted';
  } catch (error) {
    expect(error).toBeInstanceOf(ClientAuthenticationError);
    return (error as ClientAuthenticationError).reason;
  }
}

describe('CdsClientJwtVerifier with remote JWK Sets', () => {
  it('accepts a token whose jku is on the allowlist, fetching that set once and then using the cache', async () => {
    const jwks = await server(client.jwks);
    const verifier = verifierFor({ iss: client.iss, jkuAllowlist: [jwks.url] });
    expect(await reasonFor(verifier, await client.token(AUD, { jku: jwks.url }))).toBe('accepted');
    expect(await reasonFor(verifier, await client.token(AUD, { jku: jwks.url }))).toBe('accepted');
    expect(jwks.requests).toBe(1);
  });

  it('accepts a token of a client configured with a jwksUrl', async () => {
    const jwks = await server(client.jwks);
    const verifier = verifierFor({ iss: client.iss, jwksUrl: jwks.url });
    expect(await reasonFor(verifier, await client.token(AUD))).toBe('accepted');
    expect(jwks.requests).toBe(1);
  });

  it('prefers an allowlisted jku over the jwksUrl', async () => {
    const stale = await server({ keys: [] });
    const current = await server(client.jwks);
    const verifier = verifierFor({ iss: client.iss, jwksUrl: stale.url, jkuAllowlist: [current.url] });
    expect(await reasonFor(verifier, await client.token(AUD, { jku: current.url }))).toBe('accepted');
    expect([stale.requests, current.requests]).toEqual([0, 1]);
  });

  it('refuses a jku that is not on the allowlist and sends it NO request', async () => {
    const attacker = await server(client.jwks);
    const allowed = await server(client.jwks);
    const verifier = verifierFor({ iss: client.iss, jwksUrl: allowed.url, jkuAllowlist: [allowed.url] });
    expect(await reasonFor(verifier, await client.token(AUD, { jku: attacker.url }))).toBe('jku-not-allowed');
    expect(attacker.requests).toBe(0);
    expect(allowed.requests).toBe(0);
  });

  it('refuses HS256 (key confusion) and an untrusted iss before fetching any key', async () => {
    const jwks = await server(client.jwks);
    const verifier = verifierFor({ iss: client.iss, jwksUrl: jwks.url, jkuAllowlist: [jwks.url] });
    const confused = await hmacToken(JSON.stringify(client.publicJwk), testClaims(client.iss, AUD), { kid: client.kid, jku: jwks.url });
    expect(await reasonFor(verifier, confused)).toBe('algorithm-not-allowed');
    const stranger = await TestCdsClient.create({ iss: 'https://stranger.example' });
    expect(await reasonFor(verifier, await stranger.token(AUD, { jku: jwks.url }))).toBe('untrusted-issuer');
    expect(jwks.requests).toBe(0);
  });

  it('refuses an unknown kid, and does not refetch within the cooldown', async () => {
    const jwks = await server(client.jwks);
    const verifier = verifierFor({ iss: client.iss, jwksUrl: jwks.url });
    expect(await reasonFor(verifier, await client.token(AUD))).toBe('accepted');
    expect(await reasonFor(verifier, await client.token(AUD, { kid: 'unknown' }))).toBe('unknown-key');
    expect(await reasonFor(verifier, await client.token(AUD, { kid: 'unknown-2' }))).toBe('unknown-key');
    expect(jwks.requests).toBe(1);
  });

  it('picks up a rotated key by refetching when an unknown kid shows up after the cooldown', async () => {
    const jwks = await server(client.jwks);
    const verifier = verifierFor({ iss: client.iss, jwksUrl: jwks.url }, { jwksCooldownMs: 0 });
    expect(await reasonFor(verifier, await client.token(AUD))).toBe('accepted');
    const rotated = await TestCdsClient.create({ iss: client.iss });
    jwks.jwks = { keys: [client.publicJwk, rotated.publicJwk] };
    expect(await reasonFor(verifier, await rotated.token(AUD))).toBe('accepted');
    expect(jwks.requests).toBe(2);
  });

  it.each([['never-respond'], ['stall-body'], ['error']] as const)(
    'refuses with key-set-unavailable when the JWKS server does %s, within the timeout',
    async (behaviour) => {
      const jwks = await server(client.jwks, behaviour);
      const verifier = verifierFor({ iss: client.iss, jwksUrl: jwks.url });
      expect(await reasonFor(verifier, await client.token(AUD))).toBe('key-set-unavailable');
      expect(jwks.requests).toBe(1);
    },
    5_000,
  );

  it('refuses with key-set-unavailable when nothing listens at the jwksUrl', async () => {
    const jwks = await server(client.jwks);
    const url = jwks.url;
    await jwks.close();
    const verifier = verifierFor({ iss: client.iss, jwksUrl: url });
    expect(await reasonFor(verifier, await client.token(AUD))).toBe('key-set-unavailable');
  }, 5_000);
});
