import type { Card } from '@pcb-cds/cds-hooks-model';
import { DEMO_PATIENTS } from '@pcb-cds/postcoital-bleeding-demo-patients';
import type { PcbTestStack } from '../../../apps/cds-service/src/app/testing/pcb-test-stack';
import { startPcbTestStack } from '../../../apps/cds-service/src/app/testing/pcb-test-stack';
import { loadBundle } from './hapi-fhir';
import type { ServiceOnHapi } from './service-on-hapi';
import { startServiceOnHapi } from './service-on-hapi';

jest.setTimeout(120_000);

const NOW = new Date();
const TODAY = NOW.toISOString().slice(0, 10);

/** A card without what is random per call (uuids): what a clinician reads and the rules behind it. */
const readable = (cards: Card[]) =>
  cards.map((c) => ({
    indicator: c.indicator,
    summary: c.summary,
    detail: c.detail,
    rules: c.extension?.['org.pcb-cds.rules'],
    suggestions: (c.suggestions ?? []).map((s) => s.label),
  }));

// The same demo patients in the embedded sandbox and in HAPI: the service, querying each, must show the same cards.
describe('every demo patient: the same cards from HAPI as from the embedded sandbox (no prefetch)', () => {
  let sandbox: PcbTestStack;
  let hapi: ServiceOnHapi;

  beforeAll(async () => {
    const bundles = DEMO_PATIENTS.map((p) => p.bundle(NOW));
    for (const bundle of bundles) {
      await loadBundle(bundle);
    }
    [sandbox, hapi] = await Promise.all([startPcbTestStack({ today: TODAY, bundles }), startServiceOnHapi({ today: TODAY })]);
  }, 600_000);
  afterAll(async () => {
    await sandbox?.close();
    await hapi?.close();
  });

  it.each(DEMO_PATIENTS.map((p) => [p.id] as const))('%s', async (patientId) => {
    const fromSandbox = await sandbox.patientView(patientId);
    const fromHapi = await hapi.patientView(patientId, 'none');
    // The answer itself when it is not a 200 (an OperationOutcome saying which query failed, and why).
    expect(fromHapi.status === 200 ? 200 : fromHapi.body).toBe(200);
    expect(fromSandbox.status).toBe(200);
    expect(readable(fromHapi.body.cards)).toEqual(readable(fromSandbox.body.cards));
  });
});
