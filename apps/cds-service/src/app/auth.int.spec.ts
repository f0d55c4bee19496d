import { TestCdsClient } from '@pcb-cds/cds-hooks-auth/testing';
import { DEMO_PATIENTS } from '@pcb-cds/postcoital-bleeding-demo-patients';
import { loadConfig } from './app-config';
import type { PcbTestStack } from './testing/pcb-test-stack';
import { startPcbTestStack } from './testing/pcb-test-stack';

const NOW = new Date();

// The product with client authentication on, as an EHR meets it.
describe('CDS client authentication in the product', () => {
  let stack: PcbTestStack;
  let client: TestCdsClient;

  beforeAll(async () => {
    client = await TestCdsClient.create({ iss: 'https://ehr.example.org', alg: 'ES384' });
    stack = await startPcbTestStack({
      today: NOW.toISOString().slice(0, 10),
      bundles: [DEMO_PATIENTS.find((p) => p.id === 'pcb-demo-pregnant-30w')?.bundle(NOW)].flatMap((b) => (b ? [b] : [])),
      auth: { mode: 'on', trustedClients: { clients: [client.trustedClient()] } },
      headers: async (url) => ({ authorization: await client.authorization(url) }),
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
    ['a token for another URL', async (): Promise<Record<string, string>> => ({ authorization: await client.authorization(`${stack.serviceUrl}/cds-services/other`) })],
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

  it('refuses any other CDS_AUTH value', () => {
    expect(() => loadConfig({ CDS_AUTH: 'maybe' })).toThrow('CDS_AUTH');
  });
});
