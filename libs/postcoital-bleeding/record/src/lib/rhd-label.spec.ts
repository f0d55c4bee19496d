import type { FhirResource } from 'fhir/r4';
import { defaultTerminology } from '@pcb-cds/postcoital-bleeding-terminology';
import { rhDFromLabel } from './rhd-label';
import { toPatientRecord } from './to-patient-record';

const SNOMED = 'http://snomed.info/sct';
const rhDResult = (code: string, display?: string): FhirResource =>
  ({
    resourceType: 'Observation',
    status: 'final',
    subject: { reference: 'Patient/p1' },
    code: { coding: [{ system: 'http://loinc.org', code: '10331-7' }] },
    valueCodeableConcept: { coding: [{ system: SNOMED, code, ...(display ? { display } : {}) }] },
    effectiveDateTime: '2026-11-20',
  }) as FhirResource;
const read = (resource: FhirResource) =>
  toPatientRecord(
    { items: { resourceType: 'Bundle', type: 'searchset', entry: [{ resource }] } },
    'p1',
    '2026-11-22T12:00:00Z',
    defaultTerminology,
  ).rhD;

describe('RhD result: SNOMED CT meaning, and the label where it names the polarity', () => {
  it.each([
    ['165746003 with no label is RhD negative (SNOMED CT)', rhDResult('165746003'), [{ value: 'negative' }]],
    ['165747007 with no label is RhD positive (SNOMED CT)', rhDResult('165747007'), [{ value: 'positive' }]],
    ['165746003 "RhD negative": code and label agree', rhDResult('165746003', 'RhD negative'), [{ value: 'negative' }]],
    [
      '165747007 labelled "RhD negative" (the swapped revision-2 encoding): read as labelled, conflict named',
      rhDResult('165747007', 'RhD negative'),
      [{ value: 'negative', labelConflict: 'http://snomed.info/sct|165747007 means RhD positive, labelled RhD negative' }],
    ],
    [
      '165746003 labelled "RhD positive": read as labelled, conflict named',
      rhDResult('165746003', 'RhD positive'),
      [{ value: 'positive', labelConflict: 'http://snomed.info/sct|165746003 means RhD negative, labelled RhD positive' }],
    ],
  ])('%s', (_name, resource, expected) => {
    expect(read(resource).map(({ value, labelConflict }) => ({ value, ...(labelConflict ? { labelConflict } : {}) }))).toEqual(expected);
  });

  it.each([
    ['RhD negative', 'negative'],
    ['Rh(D) positive', 'positive'],
    ['Blood group O Rh(D) negative', 'negative'],
    ['RhD -ve', 'negative'],
    ['Rh+', 'positive'],
    ['weak D positive / partial D negative', undefined],
    ['Blood group O', undefined],
    ['Negative', undefined],
  ])('label %j says %s', (label, expected) => {
    expect(rhDFromLabel([label])).toBe(expected);
  });
});
