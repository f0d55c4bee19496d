// A realistic patient-view request of about 40 KB: the prefetch of a demo patient, built by the product's own
// prefetch builder (see ../load/build-prefetch.mjs), topped up with the routine Observations a real chart carries
// (vital signs, labs) so the body has ~35 Observations, Conditions, Procedures and MedicationRequests.
import { buildPrefetches } from '../load/build-prefetch.mjs';

const TARGET_BYTES = 40_000;

export async function realisticRequest(serviceUrl, fhirBaseUrl, patientId) {
  const discovery = await (await fetch(`${serviceUrl}/cds-services`)).json();
  const templates = discovery.services.find((s) => s.id === 'pcb-evaluation').prefetch;
  const userId = 'Practitioner/bench';
  // The one deliberate difference from the service's templates: the chart's Observations unfiltered (a routine
  // chart holds many the service ignores), so that the body is as heavy as a real one.
  const benchTemplates = { ...templates, observations: 'Observation?patient={{context.patientId}}&_count=200' };
  const prefetch = (await buildPrefetches(benchTemplates, fhirBaseUrl, [patientId], { userId }))[patientId];
  const observations = prefetch.observations;
  observations.entry = observations.entry ?? [];
  let i = 0;
  const body = () => JSON.stringify({ hook: 'patient-view', hookInstance: 'bench', context: { userId, patientId }, prefetch });
  while (body().length < TARGET_BYTES) {
    observations.entry.push({ resource: routineObservation(patientId, i++) });
  }
  return { body: body(), observationCount: observations.entry.length };
}

function routineObservation(patientId, i) {
  const kinds = [
    ['8867-4', 'Heart rate', 72 + (i % 9), '/min'],
    ['8310-5', 'Body temperature', 36.6, 'Cel'],
    ['29463-7', 'Body weight', 68 + (i % 5), 'kg'],
    ['2339-0', 'Glucose [Mass/volume] in Blood', 92 + (i % 11), 'mg/dL'],
    ['718-7', 'Hemoglobin [Mass/volume] in Blood', 13.1, 'g/dL'],
  ];
  const [code, display, value, unit] = kinds[i % kinds.length];
  const date = new Date(Date.now() - (i + 30) * 86_400_000).toISOString();
  return {
    resourceType: 'Observation',
    id: `bench-${patientId}-${i}`,
    meta: { versionId: '1', lastUpdated: date },
    status: 'final',
    category: [
      { coding: [{ system: 'http://terminology.hl7.org/CodeSystem/observation-category', code: 'vital-signs', display: 'Vital Signs' }] },
    ],
    code: { coding: [{ system: 'http://loinc.org', code, display }], text: display },
    subject: { reference: `Patient/${patientId}` },
    effectiveDateTime: date,
    issued: date,
    valueQuantity: { value, unit, system: 'http://unitsofmeasure.org', code: unit },
  };
}
