import { randomUUID } from 'node:crypto';
import { PatientBundleBuilder } from '@pcb-cds/postcoital-bleeding-demo-patients';
import { PCB_SERVICE_ID } from '@pcb-cds/postcoital-bleeding-service';
import type { PcbTestStack } from './testing/pcb-test-stack';
import { startPcbTestStack } from './testing/pcb-test-stack';

// A result whose test the service knows but whose result code it does not is named on the
// card ("result not recognised: …") and counted per code in /metrics — never read as normal or absent.

const TODAY = '2026-11-22';
const NOW = new Date(`${TODAY}T12:00:00Z`);
const PATIENT = 'unrec-1';
const LOCAL_RESULT = { system: 'http://snomed.info/sct', code: '999999999', display: 'Local HSIL code' };

let stack: PcbTestStack;

beforeAll(async () => {
  stack = await startPcbTestStack({
    today: TODAY,
    bundles: [
      PatientBundleBuilder.forPatient(PATIENT, NOW)
        .gender('female')
        .birthSex('F')
        .born({ yearsAgo: 34 })
        .pcbCondition({ weeksAgo: 1 })
        .build(),
    ],
  });
}, 60_000);
afterAll(() => stack?.close());

async function patientViewWithCytology(): Promise<{ status: number; text: string }> {
  const cytology = {
    resourceType: 'Observation',
    id: 'cyto-local',
    status: 'final',
    subject: { reference: `Patient/${PATIENT}` },
    code: { coding: [{ system: 'http://loinc.org', code: '19762-4' }] },
    effectiveDateTime: '2026-10-01',
    valueCodeableConcept: { coding: [LOCAL_RESULT] },
  };
  const res = await fetch(`${stack.serviceUrl}/cds-services/${PCB_SERVICE_ID}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({
      hook: 'patient-view',
      hookInstance: randomUUID(),
      fhirServer: stack.fhirBaseUrl,
      context: { userId: 'Practitioner/example', patientId: PATIENT },
      // Observations come by prefetch; every other key is fetched from the sandbox.
      prefetch: { observations: { resourceType: 'Bundle', type: 'searchset', entry: [{ resource: cytology }] } },
    }),
  });
  return { status: res.status, text: await res.text() };
}

it('names an unrecognised cytology result on the cards and counts it per code in /metrics', async () => {
  const first = await patientViewWithCytology();
  expect(first.status).toBe(200);
  // Card text is Markdown: its escapes are taken off before reading it as the clinician does.
  const shown = (JSON.parse(first.text) as { cards: { detail?: string }[] }).cards
    .map((c) => c.detail ?? '')
    .join('\n')
    .replace(/\\/g, '');
  expect(shown).toContain(`result not recognised: ${LOCAL_RESULT.system}|${LOCAL_RESULT.code} ${LOCAL_RESULT.display}, dated 2026-10-01`);
  expect(shown).not.toMatch(/cytology NILM/);
  await patientViewWithCytology();
  const metrics = await (await fetch(`${stack.serviceUrl}/metrics`)).text();
  expect(metrics).toContain(`cds_unrecognised_result_codes_total{system="${LOCAL_RESULT.system}",code="${LOCAL_RESULT.code}"} 2`);
});
