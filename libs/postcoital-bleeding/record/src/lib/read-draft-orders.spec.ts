import { defaultTerminology } from '@pcb-cds/postcoital-bleeding-terminology';
import { readDraftOrders, selectedDrafts } from './read-draft-orders';

const LOINC = 'http://loinc.org';
const SNOMED = 'http://snomed.info/sct';
const serviceRequest = (id: string | undefined, system: string, code: string, text?: string) => ({
  resource: {
    resourceType: 'ServiceRequest',
    ...(id ? { id } : {}),
    status: 'draft',
    intent: 'order',
    code: { coding: [{ system, code }], ...(text ? { text } : {}) },
  },
});
const bundle = (...entry: unknown[]) => ({ resourceType: 'Bundle', type: 'collection', entry });

describe('reading context.draftOrders', () => {
  it.each([
    ['cervical cytology by the §4.9 code', LOINC, '47528-5', 'cervical-cytology'],
    ['cervical cytology by another Pap test code of the value set', LOINC, '10524-7', 'cervical-cytology'],
    ['hrHPV by a genotype code', LOINC, '77399-4', 'hpv-test'],
    ['CT/NG NAAT, urine specimen', LOINC, '80360-1', 'ct-ng-naat'],
    ['serum qualitative hCG as the pregnancy test', LOINC, '2118-8', 'urine-hcg'],
    ['quantitative hCG', LOINC, '83086-9', 'serum-quantitative-hcg'],
    ['endocervical curettage', SNOMED, '52889002', 'endocervical-curettage'],
    ['colposcopy', SNOMED, '392003006', 'colposcopy'],
    ['manual (bimanual) pelvic examination', SNOMED, '35025007', 'bimanual-pelvic-examination'],
    ['referral to obstetrician', SNOMED, '308484001', 'obstetrics-referral'],
  ])('recognises %s', (_name, system, code, kind) => {
    expect(readDraftOrders(bundle(serviceRequest('a', system, code)), defaultTerminology)).toEqual([
      { reference: 'ServiceRequest/a', kind, display: 'ServiceRequest' },
    ]);
  });

  it.each([
    ['a chlamydia-only NAAT (does not satisfy CT + NG)', LOINC, '21613-5'],
    ['a CT code under the wrong system', SNOMED, '80362-7'],
  ])('does not recognise %s', (_name, system, code) => {
    expect(readDraftOrders(bundle(serviceRequest('a', system, code)), defaultTerminology)[0].kind).toBeUndefined();
  });

  it('reads the spec example (a NutritionOrder and an antibiotic): drafts of no guideline kind', () => {
    const drafts = readDraftOrders(
      bundle(
        { resource: { resourceType: 'NutritionOrder', id: 'pureeddiet-simple', status: 'draft' } },
        {
          resource: {
            resourceType: 'MedicationRequest',
            id: 'smart-MedicationRequest-103',
            status: 'draft',
            medicationCodeableConcept: {
              coding: [{ system: 'http://www.nlm.nih.gov/research/umls/rxnorm', code: '617993', display: 'Amoxicillin 120 MG/ML' }],
            },
          },
        },
      ),
      defaultTerminology,
    );
    expect(drafts).toEqual([
      { reference: 'NutritionOrder/pureeddiet-simple', display: 'NutritionOrder' },
      { reference: 'MedicationRequest/smart-MedicationRequest-103', display: 'Amoxicillin 120 MG/ML' },
    ]);
  });

  it('keeps the draft wording and reads a draft without id (it cannot be deleted or selected)', () => {
    expect(readDraftOrders(bundle(serviceRequest(undefined, LOINC, '47528-5', 'Pap smear')), defaultTerminology)).toEqual([
      { kind: 'cervical-cytology', display: 'Pap smear' },
    ]);
  });

  it.each([
    ['absent', undefined],
    ['not a Bundle', { resourceType: 'ServiceRequest', id: 'x' }],
    ['a Bundle without entries', { resourceType: 'Bundle', type: 'collection' }],
    ['entries without resources', bundle({ fullUrl: 'x' }, null, 'text')],
  ])('reads malformed draftOrders (%s) as no drafts', (_name, value) => {
    expect(readDraftOrders(value, defaultTerminology)).toEqual([]);
  });

  it('selections pick drafts by Type/id; unknown references and junk are ignored', () => {
    const drafts = readDraftOrders(
      bundle(serviceRequest('a', LOINC, '47528-5'), serviceRequest('b', LOINC, '80362-7')),
      defaultTerminology,
    );
    expect(selectedDrafts(drafts, ['ServiceRequest/b', 'ServiceRequest/zzz', 42])).toEqual([drafts[1]]);
    expect(selectedDrafts(drafts, undefined)).toEqual([]);
  });
});
