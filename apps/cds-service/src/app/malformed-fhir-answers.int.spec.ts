import { randomUUID } from 'node:crypto';
import { createServer } from 'node:http';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { CdsResponse } from '@pcb-cds/cds-hooks-model';
import { PatientBundleBuilder } from '@pcb-cds/postcoital-bleeding-demo-patients';
import { PCB_SERVICE_ID } from '@pcb-cds/postcoital-bleeding-service';
import type { PcbTestStack } from './testing/pcb-test-stack';
import { startPcbTestStack } from './testing/pcb-test-stack';

// End to end: a FHIR server that answers the observations search with a Patient must never make the service
// answer 200 {"cards":[]} for a patient 30 weeks pregnant — her critical card gone without a trace.
// The same chart is served by the embedded sandbox, once directly and once through a loopback proxy that
// breaks only that one answer; the broken answer must give 412, never an empty success.

const TODAY = '2026-11-22';
const NOW = new Date(`${TODAY}T12:00:00Z`);
const PATIENT_ID = 'pregnant-30w-malformed';
const CHART = PatientBundleBuilder.forPatient(PATIENT_ID, NOW)
  .gender('female')
  .birthSex('F')
  .born({ yearsAgo: 31 })
  .pcbCondition({ weeksAgo: 1 })
  .pregnancyStatus('pregnant')
  .gestationalAge({ weeks: 30 })
  .build();

type Breakage = (path: string) => unknown | undefined;

/**
 * Forwards every request to the sandbox (its origin, set once the stack runs), except those `breakage` answers
 * itself (with status 200). Started first, so that the stack's FHIR_SERVER_ALLOWLIST can name it.
 */
async function startBreakingProxy(): Promise<{
  server: Server;
  baseUrl: string;
  breakage: { current: Breakage };
  sandbox: { origin: string };
}> {
  const sandbox = { origin: '' };
  const breakage: { current: Breakage } = { current: () => undefined };
  const server = createServer((req, res) => {
    const broken = breakage.current(req.url ?? '');
    if (broken !== undefined) {
      res.writeHead(200, { 'content-type': 'application/fhir+json' });
      res.end(JSON.stringify(broken));
      return;
    }
    fetch(`${sandbox.origin}${req.url ?? ''}`, { headers: { accept: 'application/fhir+json' } }).then(
      async (answer) => {
        res.writeHead(answer.status, { 'content-type': answer.headers.get('content-type') ?? 'application/fhir+json' });
        res.end(await answer.text());
      },
      () => res.destroy(),
    );
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { server, baseUrl: `http://127.0.0.1:${(server.address() as AddressInfo).port}/fhir`, breakage, sandbox };
}

describe('a malformed FHIR answer for a patient 30 weeks pregnant', () => {
  let stack: PcbTestStack;
  let proxy: Awaited<ReturnType<typeof startBreakingProxy>>;

  beforeAll(async () => {
    proxy = await startBreakingProxy();
    stack = await startPcbTestStack({ today: TODAY, bundles: [CHART], env: { FHIR_SERVER_ALLOWLIST: proxy.baseUrl } });
    proxy.sandbox.origin = new URL(stack.fhirBaseUrl).origin;
    expect(new URL(stack.fhirBaseUrl).pathname).toBe('/fhir');
  }, 60_000);
  afterAll(async () => {
    await stack?.close();
    proxy?.server.closeAllConnections();
    await new Promise((resolve) => proxy?.server.close(resolve));
  });

  async function patientView(
    fhirServer: string,
  ): Promise<{ status: number; body: CdsResponse & { resourceType?: string; issue?: { details?: { text?: string } }[] } }> {
    const res = await fetch(`${stack.serviceUrl}/cds-services/${PCB_SERVICE_ID}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({
        hook: 'patient-view',
        hookInstance: randomUUID(),
        fhirServer,
        context: { userId: 'Practitioner/example', patientId: PATIENT_ID },
      }),
    });
    return { status: res.status, body: (await res.json()) as never };
  }

  it('served correctly (directly, or through the proxy breaking nothing), she gets a critical card', async () => {
    const direct = await patientView(stack.fhirBaseUrl);
    expect(direct.status).toBe(200);
    expect(direct.body.cards.map((c) => c.indicator)).toContain('critical');
    proxy.breakage.current = () => undefined;
    const proxied = await patientView(proxy.baseUrl);
    expect(proxied.status).toBe(200);
    expect(proxied.body.cards.map((c) => c.indicator)).toContain('critical');
  }, 30_000);

  it.each<[string, unknown, string]>([
    ['a Patient', { resourceType: 'Patient', id: PATIENT_ID }, 'a Patient'],
    ['a Bundle of type collection', { resourceType: 'Bundle', type: 'collection', entry: [] }, 'a Bundle of type collection'],
    [
      'an OperationOutcome with status 200',
      { resourceType: 'OperationOutcome', issue: [{ severity: 'error', code: 'exception' }] },
      'an OperationOutcome',
    ],
    // A searchset of another type's resources, read as "no Observations", would take the card away.
    [
      'a searchset Bundle of Conditions',
      {
        resourceType: 'Bundle',
        type: 'searchset',
        entry: [
          { resource: { resourceType: 'Condition', id: 'c1', subject: { reference: `Patient/${PATIENT_ID}` } }, search: { mode: 'match' } },
        ],
      },
      'a searchset Bundle whose matches are not all Observation',
    ],
  ])(
    'the observations search answered with %s → 412 naming the query, not 200 with no cards',
    async (_name, answer, described) => {
      proxy.breakage.current = (path) => (path.includes('/Observation?') ? answer : undefined);
      const { status, body } = await patientView(proxy.baseUrl);
      expect(status).toBe(412);
      expect(body.resourceType).toBe('OperationOutcome');
      expect(body.issue?.[0].details?.text).toContain(
        `'observations' could not be obtained from the FHIR server: its answer to the search for Observation is ${described}`,
      );
      expect(JSON.stringify(body)).not.toContain(PATIENT_ID);
    },
    30_000,
  );
});
