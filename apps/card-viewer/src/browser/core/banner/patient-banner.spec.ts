import type { FhirResource } from '../hooks/cds-wire';
import type { PatientJson } from '../fhir/fhir-json';
import { patientBanner } from './patient-banner';

const TODAY = new Date('2026-11-22T12:00:00Z');
const LOINC = 'http://loinc.org';
const SNOMED = 'http://snomed.info/sct';
const ICD = 'http://hl7.org/fhir/sid/icd-10-cm';

const patient: PatientJson = {
  resourceType: 'Patient',
  id: 'p1',
  name: [{ given: ['Grace'], family: 'Demo' }],
  gender: 'female',
  birthDate: '1995-11-23',
};
const concept = (system: string, code: string): { coding: { system: string; code: string }[] } => ({ coding: [{ system, code }] });
const obs = (code: string, date: string, value: Record<string, unknown>, system = LOINC): FhirResource => ({
  resourceType: 'Observation',
  status: 'final',
  code: concept(system, code),
  effectiveDateTime: date,
  ...value,
});
const condition = (code: string, date: string, clinical = 'active'): FhirResource => ({
  resourceType: 'Condition',
  code: concept(ICD, code),
  onsetDateTime: date,
  clinicalStatus: concept('http://terminology.hl7.org/CodeSystem/condition-clinical', clinical),
});
const banner = (resources: FhirResource[], p: PatientJson = patient): ReturnType<typeof patientBanner> =>
  patientBanner(p, resources, TODAY);

describe('patientBanner', () => {
  it('names the patient and gives sex and age (the day before the birthday)', () => {
    expect(banner([])).toEqual({
      id: 'p1',
      name: 'Grace Demo',
      sexAndAge: 'Female, 30 years (born 1995-11-23)',
      pregnancy: 'Not recorded',
      menopause: 'Not recorded',
      lastScreening: 'None on record',
    });
    expect(banner([], { resourceType: 'Patient', id: 'x', name: [{ text: 'A. Text' }] }).sexAndAge).toBe(
      'Sex not recorded, age not recorded',
    );
    expect(banner([], { resourceType: 'Patient', id: 'x' }).name).toBe('Unnamed patient');
  });

  it('carries a recorded gestational age forward to today', () => {
    const resources = [
      obs('82810-3', '2026-06-01', { valueCodeableConcept: concept(LOINC, 'LA15173-0') }),
      obs('49051-6', '2026-11-08', { valueQuantity: { value: 28, unit: 'wk', system: 'http://unitsofmeasure.org', code: 'wk' } }),
    ];
    expect(banner(resources).pregnancy).toBe('Pregnant, 30+0 weeks today (28 wk recorded 2026-11-08)');
  });

  it('takes gestation from the EDD, then the LMP, when no GA is recorded', () => {
    const pregnant = condition('Z33.1', '2026-10-01');
    expect(banner([pregnant, obs('11778-8', '2026-10-01', { valueDateTime: '2027-01-31' })]).pregnancy).toBe(
      'Pregnant, 30+0 weeks today (from EDD 2027-01-31)',
    );
    expect(banner([pregnant, obs('8665-2', '2026-10-01', { valueDateTime: '2026-09-27' })]).pregnancy).toBe(
      'Pregnant, 8+0 weeks today (from LMP 2026-09-27)',
    );
    expect(banner([pregnant]).pregnancy).toBe('Pregnant (recorded 2026-10-01), gestational age not recorded');
  });

  it('reads the SNOMED pregnancy values, the latest status winning', () => {
    const resources = [
      obs('11449-6', '2026-01-01', { valueCodeableConcept: concept(SNOMED, '77386006') }),
      obs('82810-3', '2026-11-20', { valueCodeableConcept: concept(SNOMED, '60001007') }),
    ];
    expect(banner(resources).pregnancy).toBe('Not pregnant (recorded 2026-11-20)');
    expect(banner([obs('82810-3', '2026-11-20', { valueCodeableConcept: concept(LOINC, 'LA4489-6') })]).pregnancy).toBe(
      'Unknown (recorded 2026-11-20)',
    );
  });

  it('ignores records entered in error and Conditions no longer active', () => {
    const wrong = { ...obs('82810-3', '2026-11-21', { valueCodeableConcept: concept(LOINC, 'LA15173-0') }), status: 'entered-in-error' };
    expect(banner([wrong, condition('Z33.1', '2026-01-01', 'resolved')]).pregnancy).toBe('Not recorded');
  });

  it('does not state an impossible gestation', () => {
    const resources = [condition('Z33.1', '2025-01-01'), obs('49051-6', '2025-01-01', { valueQuantity: { value: 30, code: 'wk' } })];
    expect(banner(resources).pregnancy).toBe('Pregnant (recorded 2025-01-01), gestational age not recorded');
  });

  it('shows the menopausal status with its date, and the LMP', () => {
    expect(banner([obs('161712005', '2022-11-22', { valueCodeableConcept: concept(SNOMED, '307429007') }, SNOMED)]).menopause).toBe(
      'Postmenopausal (recorded 2022-11-22)',
    );
    expect(banner([condition('N95.1', '2020-05-01')]).menopause).toBe('Postmenopausal (recorded 2020-05-01)');
    const pre = [
      obs('161712005', '2026-11-01', { valueCodeableConcept: concept(SNOMED, '22636003') }, SNOMED),
      obs('8665-2', '2026-11-01', { valueDateTime: '2026-10-30' }),
    ];
    expect(banner(pre).menopause).toBe('Premenopausal (recorded 2026-11-01; LMP 2026-10-30)');
    expect(banner([obs('8665-2', '2026-11-01', { valueDateTime: '2026-10-30' })]).menopause).toBe('Not recorded (LMP 2026-10-30)');
  });

  it('gives the latest cervical screening, both results of a cotest, with how long ago', () => {
    const resources = [
      obs('10524-7', '2019-01-01', { valueCodeableConcept: concept(SNOMED, '416033009') }),
      obs('10524-7', '2023-11-22', { valueCodeableConcept: concept(SNOMED, '373887005') }),
      obs('82675-0', '2023-11-22T09:30:00Z', { valueCodeableConcept: concept(SNOMED, '260385009') }),
    ];
    expect(banner(resources).lastScreening).toBe('Cytology NILM + HPV negative on 2023-11-22 (3.0 years ago)');
  });

  it('reads a cytology DiagnosticReport by its conclusion code, and an uncoded result by its text', () => {
    const report: FhirResource = {
      resourceType: 'DiagnosticReport',
      status: 'final',
      code: concept(LOINC, '47528-5'),
      effectiveDateTime: '2026-07-22',
      conclusionCode: [concept(SNOMED, '416033009')],
    };
    expect(banner([report]).lastScreening).toBe('Cytology HSIL on 2026-07-22 (4 months ago)');
    expect(banner([obs('47528-5', '2026-11-12', { valueCodeableConcept: { text: 'see <report>' } })]).lastScreening).toBe(
      'Cytology see <report> on 2026-11-12 (10 days ago)',
    );
  });
});
