import { join } from 'node:path';
import { TestCdsClient } from '@pcb-cds/cds-hooks-auth/testing';
import { DEMO_PATIENTS } from '@pcb-cds/postcoital-bleeding-demo-patients';
import { ConfigError, loadConfig } from './app-config';
import { authSettings } from './auth-settings';
import type { PcbTestStack } from './testing/pcb-test-stack';
import { startPcbTestStack } from './testing/pcb-test-stack';

const NOW = new Date();
// The URL EHRs call (behind a proxy); the stack itself listens on a loopback port.
const PUBLIC_BASE_URL = 'https://cds.example.org';
// The shipped file, by absolute path: Jest's working directory is the project's under nx, the repository's by hand.
const SHIPPED_TRUSTED_CLIENTS = join(__dirname, '../../../../config/trusted-clients.json');
const publicUrl = (url: string): string => `${PUBLIC_BASE_URL}${new URL(url).pathname}`;

// The product with client authentication on, as an EHR meets it.
describe('CDS client authentication in the product', () => {
  let stack: PcbTestStack;
  let client: TestCdsClient;

  beforeAll(async () => {
    client = await TestCdsClient.create({ iss: 'https://ehr.example.org', alg: 'ES384' });
    stack = await startPcbTestStack({
      today: NOW.toISOString().slice(0, 10),
      bundles: [DEMO_PATIENTS.find((p) => p.id === 'pcb-demo-pregnant-30w')?.bundle(NOW)].flatMap((b) => (b ? [b] : [])),
      auth: { mode: 'on', trustedClients: { clients: [client.trustedClient()] }, publicBaseUrl: PUBLIC_BASE_URL },
      headers: async (url) => ({ authorization: await client.authorization(publicUrl(url)) }),
    });
  }, 60_000);
  afterAll(() => stack?.close());

  it('serves a trusted client whose JWT is addressed to the exact URL', async () => {
    const { status, body } = await stack.patientView('pcb-demo-pregnant-30w');
    expect(status).toBe(200);
    expect(body.cards[0].extension?.['org.pcb-cds.rules']).toEqual(['PCB-32']);
  });

  it.each([
    ['no token', async (): Promise<Record<string, string>> => ({})],
    [
      'a token for another URL',
      async (): Promise<Record<string, string>> => ({ authorization: await client.authorization(`${PUBLIC_BASE_URL}/cds-services/other`) }),
    ],
    // What the Host header of the call names: the audience is never taken from it.
    [
      'a token for the URL the Host header names',
      async (): Promise<Record<string, string>> => ({ authorization: await client.authorization(`${stack.serviceUrl}/cds-services`) }),
    ],
  ])('refuses %s with 401 and an OperationOutcome', async (_name, headers) => {
    for (const path of ['/cds-services', '/cds-services/pcb-evaluation', '/cds-services/pcb-evaluation/feedback']) {
      const res = await fetch(`${stack.serviceUrl}${path}`, {
        method: path === '/cds-services' ? 'GET' : 'POST',
        headers: { 'content-type': 'application/json', ...(await headers()) },
        body: path === '/cds-services' ? undefined : '{}',
      });
      expect(res.status).toBe(401);
      expect(((await res.json()) as { resourceType: string }).resourceType).toBe('OperationOutcome');
    }
  });
});

describe('authentication mode from the environment', () => {
  it.each([
    [{}, 'off', 'zero-setup demo'],
    [{ FHIR_BASE_URL: 'http://fhir.example/fhir' }, 'on', 'default'],
    [{ FHIR_BASE_URL: 'http://fhir.example/fhir', CDS_AUTH: 'off' }, 'off', 'CDS_AUTH'],
    [{ CDS_AUTH: 'on' }, 'on', 'CDS_AUTH'],
  ])('%o → %s (%s)', (env, mode, reason) => {
    expect(loadConfig(env).auth).toEqual({ mode, reason });
  });

  it('refuses to start with authentication on and neither PUBLIC_BASE_URL nor CDS_ACCEPTED_AUDIENCES', () => {
    const config = loadConfig({ FHIR_BASE_URL: 'http://fhir.example/fhir', CDS_TRUSTED_CLIENTS_FILE: SHIPPED_TRUSTED_CLIENTS });
    expect(() => authSettings(config)).toThrow(ConfigError);
    expect(() => authSettings(config)).toThrow('PUBLIC_BASE_URL');
  });

  it('starts the zero-setup demo (authentication off) without a public base URL', () => {
    expect(authSettings(loadConfig({}))).toEqual({ mode: 'off' });
  });

  it.each([
    [{ PUBLIC_BASE_URL: 'https://cds.example.org/' }, { publicBaseUrl: 'https://cds.example.org', acceptedAudienceBaseUrls: [] }],
    [
      { CDS_ACCEPTED_AUDIENCES: 'https://a.example, https://b.example/pcb/' },
      { acceptedAudienceBaseUrls: ['https://a.example', 'https://b.example/pcb'] },
    ],
  ])('reads the accepted audiences from %o', (env, expected) => {
    const settings = authSettings(
      loadConfig({ FHIR_BASE_URL: 'http://fhir.example/fhir', CDS_TRUSTED_CLIENTS_FILE: SHIPPED_TRUSTED_CLIENTS, ...env }),
    );
    expect(settings).toMatchObject({ mode: 'on', authFailuresPerMinute: 30, ...expected });
  });

  it('names the variables when an accepted audience is not a URL', () => {
    expect(() =>
      authSettings(
        loadConfig({ CDS_AUTH: 'on', CDS_TRUSTED_CLIENTS_FILE: SHIPPED_TRUSTED_CLIENTS, CDS_ACCEPTED_AUDIENCES: 'cds.example.org' }),
      ),
    ).toThrow('CDS_ACCEPTED_AUDIENCES');
  });

  it('refuses any other CDS_AUTH value', () => {
    expect(() => loadConfig({ CDS_AUTH: 'maybe' })).toThrow('CDS_AUTH');
  });
});
