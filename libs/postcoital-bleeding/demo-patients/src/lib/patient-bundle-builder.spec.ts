import type { FhirResource, Patient } from 'fhir/r4';
import { PatientBundleBuilder } from './patient-bundle-builder';

/**
 * One or more rows per row of docs/clinical/fact-encoding.md: each asserts the exact system, code,
 * value and date the builder writes. The URIs and codes below are typed from fact-encoding.md and
 * pcb-guideline.md §4 on purpose (not imported from encoding-codes.ts), so a typo there fails here.
 */

const LOINC = 'http://loinc.org';
const SCT = 'http://snomed.info/sct';
const ICD10CM = 'http://hl7.org/fhir/sid/icd-10-cm';
const ICD10PCS = 'http://www.cms.gov/Medicare/Coding/ICD10';
const RXNORM = 'http://www.nlm.nih.gov/research/umls/rxnorm';
const UCUM = 'http://unitsofmeasure.org';
const PCB = 'http://pcb-cds.org/fhir/CodeSystem/pcb-facts';
const CLINICAL = 'http://terminology.hl7.org/CodeSystem/condition-clinical';
const VERIFICATION = 'http://terminology.hl7.org/CodeSystem/condition-ver-status';
const BIRTH_SEX = 'http://hl7.org/fhir/us/core/StructureDefinition/us-core-birthsex';

const TODAY = new Date('2026-11-15T14:30:00Z');
const PID = 'pcb-test-builder';
const SUBJECT = { reference: `Patient/${PID}` };

const T_TODAY = '2026-11-15T00:00:00Z';
const T_2D = '2026-11-13T00:00:00Z';
const T_1W = '2026-11-08T00:00:00Z';
const T_2W = '2026-11-01T00:00:00Z';
const T_1MO = '2026-10-15T00:00:00Z';
const T_3MO = '2026-08-15T00:00:00Z';
const T_2Y = '2024-11-15T00:00:00Z';
const T_10Y = '2016-11-15T00:00:00Z';

/** The fact rows of fact-encoding.md, in table order. */
const FACT_ENCODING_ROWS = [
  'PCB episode',
  'Sex / gender',
  'Age',
  'Pregnancy status',
  'Gestational age',
  'hCG result',
  'Pregnancy ended',
  'Menopausal status',
  'Hysterectomy / cervix',
  'Cervical screening',
  'Colposcopy',
  'CIN2+ / cervical cancer history',
  'STI NAAT',
  'New or multiple sexual partners',
  'Anticoagulant',
  'Tamoxifen',
  'Systemic HRT',
  'HIV / immunosuppression',
  'Exam findings',
  'Symptoms',
  'Vital signs',
  'RhD type',
  'Endometrial thickness',
  'QuestionnaireResponse answers',
  // fact-encoding.md "Revision 2 additions"
  'Placenta praevia',
  'Rev 2: HPV result',
  'Rev 2: Cytology result',
  'Rev 2: Cervical histology',
  'Rev 2: Undated history',
  'Rev 2: Linked results',
  'Rev 2: HIV / immunosuppression',
  'Rev 2: Acute findings',
  'Setting (facts contract)',
] as const;
type Row = (typeof FACT_ENCODING_ROWS)[number];

function cc(system: string, code: string): { coding: [{ system: string; code: string }] } {
  return {
    coding: [
      expect.objectContaining({ system, code }) as unknown as {
        system: string;
        code: string;
      },
    ],
  };
}
const quantity = (value: number, code: string): object => ({
  value,
  system: UCUM,
  code,
});
const conditionStatus = (code: string): object => ({
  clinicalStatus: cc(CLINICAL, code),
  verificationStatus: cc(VERIFICATION, 'confirmed'),
});

interface Case {
  readonly row: Row;
  readonly name: string;
  readonly build: (b: PatientBundleBuilder) => PatientBundleBuilder;
  /** Expected non-Patient resources, in order (matched with toMatchObject), or a Patient check. */
  readonly expected?: readonly object[];
  readonly patient?: object;
  /** Elements the first fact must not have. */
  readonly absent?: readonly string[];
}

const obs = (code: object, effectiveDateTime: string, value: object): object => ({
  resourceType: 'Observation',
  status: 'final',
  code,
  subject: SUBJECT,
  effectiveDateTime,
  ...value,
});
const cond = (code: object, onset: string, status = 'active'): object => ({
  resourceType: 'Condition',
  code,
  subject: SUBJECT,
  onsetDateTime: onset,
  recordedDate: onset,
  ...conditionStatus(status),
});
const proc = (code: object, performedDateTime: string): object => ({
  resourceType: 'Procedure',
  status: 'completed',
  code,
  subject: SUBJECT,
  performedDateTime,
});
const medReq = (code: string, authoredOn: string): object => ({
  resourceType: 'MedicationRequest',
  status: 'active',
  intent: 'order',
  medicationCodeableConcept: cc(RXNORM, code),
  subject: SUBJECT,
  authoredOn,
});
const qr = (linkId: string, valueBoolean: boolean, authored: string): object => ({
  resourceType: 'QuestionnaireResponse',
  status: 'completed',
  subject: SUBJECT,
  authored,
  item: [expect.objectContaining({ linkId, answer: [{ valueBoolean }] })],
});

const CASES: readonly Case[] = [
  // PCB episode
  {
    row: 'PCB episode',
    name: 'Condition N93.0 active, onset (episode start) and recordedDate',
    build: (b) => b.pcbCondition({ weeksAgo: 1 }),
    expected: [cond(cc(ICD10CM, 'N93.0'), T_1W)],
  },
  {
    row: 'PCB episode',
    name: 'Condition N93.0 recurrence, recordedDate only (onset omitted)',
    build: (b) =>
      b.pcbCondition({
        clinicalStatus: 'recurrence',
        omitOnset: true,
        recorded: { daysAgo: 2 },
      }),
    absent: ['onsetDateTime'],
    expected: [
      {
        resourceType: 'Condition',
        code: cc(ICD10CM, 'N93.0'),
        recordedDate: T_2D,
        ...conditionStatus('recurrence'),
      },
    ],
  },
  {
    row: 'PCB episode',
    name: 'Encounter.reasonCode N93.0 dated by period.start',
    build: (b) => b.pcbEncounter({ weeksAgo: 2 }),
    expected: [
      {
        resourceType: 'Encounter',
        status: 'finished',
        subject: SUBJECT,
        reasonCode: [cc(ICD10CM, 'N93.0')],
        period: { start: T_2W },
      },
    ],
  },
  {
    row: 'PCB episode',
    name: 'Observation pcb-facts#postcoital-bleeding valueBoolean true',
    build: (b) => b.pcbObservation({ daysAgo: 2 }),
    expected: [obs(cc(PCB, 'postcoital-bleeding'), T_2D, { valueBoolean: true })],
  },
  // Sex / gender
  {
    row: 'Sex / gender',
    name: 'Patient.gender and US Core birth sex F',
    build: (b) => b.gender('female').birthSex('F'),
    patient: {
      gender: 'female',
      extension: [{ url: BIRTH_SEX, valueCode: 'F' }],
    },
  },
  {
    row: 'Sex / gender',
    name: 'birth sex is replaced, not duplicated',
    build: (b) => b.birthSex('F').birthSex('M').gender('male'),
    patient: {
      gender: 'male',
      extension: [{ url: BIRTH_SEX, valueCode: 'M' }],
    },
  },
  {
    row: 'Sex / gender',
    name: 'gender identity Observation LOINC 76691-5 (female-to-male 407377005)',
    build: (b) => b.genderIdentity('transgender-male', { yearsAgo: 2 }),
    expected: [
      obs(cc(LOINC, '76691-5'), T_2Y, {
        valueCodeableConcept: cc(SCT, '407377005'),
      }),
    ],
  },
  // Age
  {
    row: 'Age',
    name: 'birthDate 28 years and 90 days before today (age 28)',
    build: (b) => b.born({ yearsAgo: 28 }),
    patient: { birthDate: '1998-08-17' },
  },
  {
    row: 'Age',
    name: 'exact birthDate',
    build: (b) => b.birthDate('2005-11-16'),
    patient: { birthDate: '2005-11-16' },
  },
  // Pregnancy status
  {
    row: 'Pregnancy status',
    name: '82810-3 = LA15173-0 pregnant',
    build: (b) => b.pregnancyStatus('pregnant'),
    expected: [
      obs(cc(LOINC, '82810-3'), T_TODAY, {
        valueCodeableConcept: cc(LOINC, 'LA15173-0'),
      }),
    ],
  },
  {
    row: 'Pregnancy status',
    name: '82810-3 = LA26683-5 not pregnant',
    build: (b) => b.pregnancyStatus('not-pregnant', { daysAgo: 2 }),
    expected: [
      obs(cc(LOINC, '82810-3'), T_2D, {
        valueCodeableConcept: cc(LOINC, 'LA26683-5'),
      }),
    ],
  },
  {
    row: 'Pregnancy status',
    name: '82810-3 = LA4489-6 unknown',
    build: (b) => b.pregnancyStatus('unknown'),
    expected: [
      obs(cc(LOINC, '82810-3'), T_TODAY, {
        valueCodeableConcept: cc(LOINC, 'LA4489-6'),
      }),
    ],
  },
  {
    row: 'Pregnancy status',
    name: '11449-6 = SNOMED 77386006 pregnant',
    build: (b) => b.pregnancyStatus('pregnant', { question: '11449-6', system: 'snomed' }),
    expected: [
      obs(cc(LOINC, '11449-6'), T_TODAY, {
        valueCodeableConcept: cc(SCT, '77386006'),
      }),
    ],
  },
  {
    row: 'Pregnancy status',
    name: 'SNOMED 60001007 not pregnant',
    build: (b) => b.pregnancyStatus('not-pregnant', { system: 'snomed' }),
    expected: [
      obs(cc(LOINC, '82810-3'), T_TODAY, {
        valueCodeableConcept: cc(SCT, '60001007'),
      }),
    ],
  },
  {
    row: 'Pregnancy status',
    name: 'Condition Z33.1 active',
    build: (b) => b.pregnantCondition({ weeksAgo: 2 }),
    expected: [cond(cc(ICD10CM, 'Z33.1'), T_2W)],
  },
  // Gestational age
  {
    row: 'Gestational age',
    name: 'GA 49051-6 valueQuantity 8 wk',
    build: (b) => b.gestationalAge({ weeks: 8 }),
    expected: [obs(cc(LOINC, '49051-6'), T_TODAY, { valueQuantity: quantity(8, 'wk') })],
  },
  {
    row: 'Gestational age',
    name: 'GA 11884-4 / 18185-9 / 11885-1',
    build: (b) =>
      b
        .gestationalAge({ weeks: 30, code: '11884-4' })
        .gestationalAge({ weeks: 30, code: '18185-9' })
        .gestationalAge({ weeks: 30, code: '11885-1', weeksAgo: 1 }),
    expected: [
      obs(cc(LOINC, '11884-4'), T_TODAY, { valueQuantity: quantity(30, 'wk') }),
      obs(cc(LOINC, '18185-9'), T_TODAY, { valueQuantity: quantity(30, 'wk') }),
      obs(cc(LOINC, '11885-1'), T_1W, { valueQuantity: quantity(30, 'wk') }),
    ],
  },
  {
    row: 'Gestational age',
    name: 'EDD 11778-8 valueDateTime 70 days ahead',
    build: (b) => b.edd({ inDays: 70 }),
    expected: [
      obs(cc(LOINC, '11778-8'), T_TODAY, {
        valueDateTime: '2027-01-24T00:00:00Z',
      }),
    ],
  },
  {
    row: 'Gestational age',
    name: 'LMP 8665-2 valueDateTime 2 weeks ago, recorded today',
    build: (b) => b.lmp({ weeksAgo: 2 }),
    expected: [obs(cc(LOINC, '8665-2'), T_TODAY, { valueDateTime: T_2W })],
  },
  // hCG result
  {
    row: 'hCG result',
    name: 'urine 2106-3 negative 260385009',
    build: (b) => b.hcg('negative', { daysAgo: 2 }),
    expected: [
      obs(cc(LOINC, '2106-3'), T_2D, {
        valueCodeableConcept: cc(SCT, '260385009'),
      }),
    ],
  },
  {
    row: 'hCG result',
    name: 'serum 2118-8 positive 10828004',
    build: (b) => b.hcg('positive', { specimen: 'serum' }),
    expected: [
      obs(cc(LOINC, '2118-8'), T_TODAY, {
        valueCodeableConcept: cc(SCT, '10828004'),
      }),
    ],
  },
  {
    row: 'hCG result',
    name: 'quantitative 21198-7 and 83086-9 in m[IU]/mL',
    build: (b) => b.quantitativeHcg(30).quantitativeHcg(4, { code: '83086-9', daysAgo: 2 }),
    expected: [
      obs(cc(LOINC, '21198-7'), T_TODAY, {
        valueQuantity: quantity(30, 'm[IU]/mL'),
      }),
      obs(cc(LOINC, '83086-9'), T_2D, {
        valueQuantity: quantity(4, 'm[IU]/mL'),
      }),
    ],
  },
  // Pregnancy ended
  {
    row: 'Pregnancy ended',
    name: 'delivery Procedure 236973005',
    build: (b) => b.pregnancyEnded('delivery-procedure', { weeksAgo: 2 }),
    expected: [proc(cc(SCT, '236973005'), T_2W)],
  },
  {
    row: 'Pregnancy ended',
    name: 'Condition Z37.0 and abortive outcomes O03.9 / O02.1 / O00.90',
    build: (b) =>
      b
        .pregnancyEnded('delivery-outcome', { weeksAgo: 2 })
        .pregnancyEnded('miscarriage', { weeksAgo: 1 })
        .pregnancyEnded('missed-abortion', { weeksAgo: 1 })
        .pregnancyEnded('ectopic', { daysAgo: 2 }),
    expected: [
      cond(cc(ICD10CM, 'Z37.0'), T_2W),
      cond(cc(ICD10CM, 'O03.9'), T_1W),
      cond(cc(ICD10CM, 'O02.1'), T_1W),
      cond(cc(ICD10CM, 'O00.90'), T_2D),
    ],
  },
  {
    row: 'Pregnancy ended',
    name: 'a later pregnancy-status "not pregnant"',
    build: (b) => b.pregnancyEnded('not-pregnant', { daysAgo: 2 }),
    expected: [
      obs(cc(LOINC, '82810-3'), T_2D, {
        valueCodeableConcept: cc(LOINC, 'LA26683-5'),
      }),
    ],
  },
  // Menopausal status
  {
    row: 'Menopausal status',
    name: '161712005 = 76498008 post (default) / 22636003 pre (default) / 161541000119104 peri',
    build: (b) => b.menopause('post').menopause('pre').menopause('peri'),
    expected: [
      obs(cc(SCT, '161712005'), T_TODAY, {
        valueCodeableConcept: cc(SCT, '76498008'),
      }),
      obs(cc(SCT, '161712005'), T_TODAY, {
        valueCodeableConcept: cc(SCT, '22636003'),
      }),
      obs(cc(SCT, '161712005'), T_TODAY, {
        valueCodeableConcept: cc(SCT, '161541000119104'),
      }),
    ],
  },
  {
    row: 'Menopausal status',
    name: 'other §4.3 values by code (307429007, 373717006, 309606002)',
    build: (b) =>
      b.menopause('post', { code: '307429007' }).menopause('post', { code: '373717006' }).menopause('pre', { code: '309606002' }),
    expected: [
      obs(cc(SCT, '161712005'), T_TODAY, {
        valueCodeableConcept: cc(SCT, '307429007'),
      }),
      obs(cc(SCT, '161712005'), T_TODAY, {
        valueCodeableConcept: cc(SCT, '373717006'),
      }),
      obs(cc(SCT, '161712005'), T_TODAY, {
        valueCodeableConcept: cc(SCT, '309606002'),
      }),
    ],
  },
  {
    row: 'Menopausal status',
    name: 'Conditions N95.1, E28.310, E28.319',
    build: (b) =>
      b
        .menopause('post', { code: 'N95.1', yearsAgo: 2 })
        .menopause('post', { code: 'E28.310', yearsAgo: 2 })
        .menopause('post', { code: 'E28.319', yearsAgo: 2 }),
    expected: [cond(cc(ICD10CM, 'N95.1'), T_2Y), cond(cc(ICD10CM, 'E28.310'), T_2Y), cond(cc(ICD10CM, 'E28.319'), T_2Y)],
  },
  // Hysterectomy / cervix
  {
    row: 'Hysterectomy / cervix',
    name: 'no cervix: Procedure 116140006 total hysterectomy',
    build: (b) => b.hysterectomy('116140006', { yearsAgo: 10 }),
    expected: [proc(cc(SCT, '116140006'), T_10Y)],
  },
  {
    row: 'Hysterectomy / cervix',
    name: 'cervix retained: Procedure 387644004; ambiguous: Procedure 236886002; PCS 0UTC0ZZ',
    build: (b) => b.hysterectomy('387644004', { yearsAgo: 2 }).hysterectomy('236886002', { yearsAgo: 2 }).hysterectomy('0UTC0ZZ'),
    expected: [proc(cc(SCT, '387644004'), T_2Y), proc(cc(SCT, '236886002'), T_2Y), proc(cc(ICD10PCS, '0UTC0ZZ'), T_TODAY)],
  },
  {
    row: 'Hysterectomy / cervix',
    name: 'absence/history codes as Conditions: Z90.710, Z90.711, 428078001',
    build: (b) =>
      b.hysterectomy('Z90.710', { yearsAgo: 10 }).hysterectomy('Z90.711', { yearsAgo: 10 }).hysterectomy('428078001', { yearsAgo: 10 }),
    expected: [cond(cc(ICD10CM, 'Z90.710'), T_10Y), cond(cc(ICD10CM, 'Z90.711'), T_10Y), cond(cc(SCT, '428078001'), T_10Y)],
  },
  // Cervical screening
  {
    row: 'Cervical screening',
    name: 'cytology 10524-7 = NILM 373887005; by SNOMED code HSIL 416033009; LOINC option 47527-7',
    build: (b) =>
      b.cytology('NILM', { yearsAgo: 2 }).cytology('416033009', { monthsAgo: 3 }).cytology('LSIL', { monthsAgo: 1, code: '47527-7' }),
    expected: [
      obs(cc(LOINC, '10524-7'), T_2Y, {
        valueCodeableConcept: cc(SCT, '373887005'),
      }),
      obs(cc(LOINC, '10524-7'), T_3MO, {
        valueCodeableConcept: cc(SCT, '416033009'),
      }),
      obs(cc(LOINC, '47527-7'), T_1MO, {
        valueCodeableConcept: cc(SCT, '62051000119105'),
      }),
    ],
  },
  {
    row: 'Cervical screening',
    name: 'DiagnosticReport 47528-5 with conclusionCode ASC-H 441088002',
    build: (b) => b.cytology('ASC-H', { monthsAgo: 1, code: '47528-5', report: true }),
    expected: [
      {
        resourceType: 'DiagnosticReport',
        status: 'final',
        code: cc(LOINC, '47528-5'),
        subject: SUBJECT,
        effectiveDateTime: T_1MO,
        conclusionCode: [cc(SCT, '441088002')],
      },
    ],
  },
  {
    row: 'Cervical screening',
    name: 'HPV 30167-1 negative / 59263-4 HPV16 708298003 / 10828004 positive',
    build: (b) =>
      b.hpv('negative', { yearsAgo: 2 }).hpv('hpv16-positive', { monthsAgo: 1, code: '59263-4' }).hpv('positive', { monthsAgo: 1 }),
    expected: [
      obs(cc(LOINC, '30167-1'), T_2Y, {
        valueCodeableConcept: cc(SCT, '260385009'),
      }),
      obs(cc(LOINC, '59263-4'), T_1MO, {
        valueCodeableConcept: cc(SCT, '708298003'),
      }),
      obs(cc(LOINC, '30167-1'), T_1MO, {
        valueCodeableConcept: cc(SCT, '10828004'),
      }),
    ],
  },
  {
    row: 'Cervical screening',
    name: 'cotest = cytology NILM + HPV negative on the same day',
    build: (b) => b.cotest('NILM', 'negative', { yearsAgo: 2 }),
    expected: [
      obs(cc(LOINC, '10524-7'), T_2Y, {
        valueCodeableConcept: cc(SCT, '373887005'),
      }),
      obs(cc(LOINC, '30167-1'), T_2Y, {
        valueCodeableConcept: cc(SCT, '260385009'),
      }),
    ],
  },
  {
    row: 'Cervical screening',
    name: 'ICD-10-CM R87.613 and R87.810 Conditions dated by onset',
    build: (b) => b.abnormalCervicalDiagnosis('R87.613', { monthsAgo: 3 }).abnormalCervicalDiagnosis('R87.810', { monthsAgo: 1 }),
    expected: [cond(cc(ICD10CM, 'R87.613'), T_3MO), cond(cc(ICD10CM, 'R87.810'), T_1MO)],
  },
  // Colposcopy
  {
    row: 'Colposcopy',
    name: 'Procedure 392003006, with ECC 52889002 the same day',
    build: (b) => b.colposcopy({ monthsAgo: 1 }).colposcopy({ weeksAgo: 1, ecc: true }),
    expected: [proc(cc(SCT, '392003006'), T_1MO), proc(cc(SCT, '392003006'), T_1W), proc(cc(SCT, '52889002'), T_1W)],
  },
  // CIN2+ / cervical cancer history
  {
    row: 'CIN2+ / cervical cancer history',
    name: 'SNOMED CIN2 285838002 (resolved), CIN3 252991009, ICD-10-CM Z87.410, Z85.41, C53.9',
    build: (b) =>
      b
        .cervicalHistory('285838002', {
          yearsAgo: 2,
          clinicalStatus: 'resolved',
        })
        .cervicalHistory('252991009', { yearsAgo: 10 })
        .cervicalHistory('Z87.410', { yearsAgo: 2 })
        .cervicalHistory('Z85.41', { yearsAgo: 10 })
        .cervicalHistory('C53.9', { yearsAgo: 10 }),
    expected: [
      cond(cc(SCT, '285838002'), T_2Y, 'resolved'),
      cond(cc(SCT, '252991009'), T_10Y),
      cond(cc(ICD10CM, 'Z87.410'), T_2Y),
      cond(cc(ICD10CM, 'Z85.41'), T_10Y),
      cond(cc(ICD10CM, 'C53.9'), T_10Y),
    ],
  },
  // STI NAAT
  {
    row: 'STI NAAT',
    name: "'ct-ng' negative = chlamydia 53926-2 + gonorrhoea 53879-3 (vaginal), same day",
    build: (b) => b.naat('ct-ng', 'negative', { monthsAgo: 1 }),
    expected: [
      obs(cc(LOINC, '53926-2'), T_1MO, {
        valueCodeableConcept: cc(SCT, '260385009'),
      }),
      obs(cc(LOINC, '53879-3'), T_1MO, {
        valueCodeableConcept: cc(SCT, '260385009'),
      }),
    ],
  },
  {
    row: 'STI NAAT',
    name: 'combined CT+NG 80362-7; chlamydia urine 42931-6 positive; gonorrhoea cervix 50388-8; trichomonas pcb code',
    build: (b) =>
      b
        .naat('ct-ng', 'negative', { monthsAgo: 1, combined: true })
        .naat('chlamydia', 'positive', { weeksAgo: 2, specimen: 'urine' })
        .naat('gonorrhea', 'negative', {
          weeksAgo: 2,
          specimen: 'endocervical',
        })
        .naat('trichomonas', 'negative', { weeksAgo: 2 }),
    expected: [
      obs(cc(LOINC, '80362-7'), T_1MO, {
        valueCodeableConcept: cc(SCT, '260385009'),
      }),
      obs(cc(LOINC, '42931-6'), T_2W, {
        valueCodeableConcept: cc(SCT, '10828004'),
      }),
      obs(cc(LOINC, '50388-8'), T_2W, {
        valueCodeableConcept: cc(SCT, '260385009'),
      }),
      obs(cc(PCB, 'trichomonas-naat'), T_2W, {
        valueCodeableConcept: cc(SCT, '260385009'),
      }),
    ],
  },
  // New or multiple sexual partners
  {
    row: 'New or multiple sexual partners',
    name: 'Observation pcb-facts#new-sexual-partner valueBoolean, dated; false when stated',
    build: (b) => b.newSexualPartner({ weeksAgo: 2 }).newSexualPartner({ value: false }),
    expected: [
      obs(cc(PCB, 'new-sexual-partner'), T_2W, { valueBoolean: true }),
      obs(cc(PCB, 'new-sexual-partner'), T_TODAY, { valueBoolean: false }),
    ],
  },
  {
    row: 'New or multiple sexual partners',
    name: 'as a QuestionnaireResponse answer (linkId new-sexual-partner)',
    build: (b) => b.newSexualPartner({ via: 'questionnaire', daysAgo: 2 }),
    expected: [qr('new-sexual-partner', true, T_2D)],
  },
  // Anticoagulant
  {
    row: 'Anticoagulant',
    name: 'MedicationRequest apixaban 1364430 (active, order, authoredOn) + Condition Z79.01',
    build: (b) => b.medication('anticoagulant', '1364430', { monthsAgo: 3 }).condition('icd10cm', 'Z79.01', { monthsAgo: 3 }),
    expected: [medReq('1364430', T_3MO), cond(cc(ICD10CM, 'Z79.01'), T_3MO)],
  },
  {
    row: 'Anticoagulant',
    name: 'MedicationStatement warfarin 11289 and product rivaroxaban 20 mg 1232086',
    build: (b) =>
      b
        .medication('anticoagulant', '11289', {
          yearsAgo: 2,
          resource: 'MedicationStatement',
        })
        .medication('anticoagulant', '1232086', { monthsAgo: 1 }),
    expected: [
      {
        resourceType: 'MedicationStatement',
        status: 'active',
        medicationCodeableConcept: cc(RXNORM, '11289'),
        subject: SUBJECT,
        effectiveDateTime: T_2Y,
      },
      medReq('1232086', T_1MO),
    ],
  },
  // Tamoxifen
  {
    row: 'Tamoxifen',
    name: 'RxNorm 10324 + Condition Z79.810',
    build: (b) => b.medication('tamoxifen', '10324', { yearsAgo: 2 }).condition('icd10cm', 'Z79.810', { yearsAgo: 2 }),
    expected: [medReq('10324', T_2Y), cond(cc(ICD10CM, 'Z79.810'), T_2Y)],
  },
  // Systemic HRT
  {
    row: 'Systemic HRT',
    name: 'estradiol 4083, conjugated estrogens 4099, estradiol/norethindrone 1359126 + Z79.890',
    build: (b) =>
      b
        .medication('hrt', '4083', { yearsAgo: 2 })
        .medication('hrt', '4099', { yearsAgo: 2 })
        .medication('hrt', '1359126', { yearsAgo: 2 })
        .condition('icd10cm', 'Z79.890', { yearsAgo: 2 }),
    expected: [medReq('4083', T_2Y), medReq('4099', T_2Y), medReq('1359126', T_2Y), cond(cc(ICD10CM, 'Z79.890'), T_2Y)],
  },
  // HIV / immunosuppression
  {
    row: 'HIV / immunosuppression',
    name: 'Conditions B20, Z21, SNOMED 86406008, 370388006, Z94.0',
    build: (b) =>
      b
        .condition('icd10cm', 'B20', { yearsAgo: 10 })
        .condition('icd10cm', 'Z21', { yearsAgo: 10 })
        .condition('snomed', '86406008', { yearsAgo: 10 })
        .condition('snomed', '370388006', { yearsAgo: 2 })
        .condition('icd10cm', 'Z94.0', { yearsAgo: 2 }),
    expected: [
      cond(cc(ICD10CM, 'B20'), T_10Y),
      cond(cc(ICD10CM, 'Z21'), T_10Y),
      cond(cc(SCT, '86406008'), T_10Y),
      cond(cc(SCT, '370388006'), T_2Y),
      cond(cc(ICD10CM, 'Z94.0'), T_2Y),
    ],
  },
  {
    row: 'HIV / immunosuppression',
    name: 'active immunosuppressants tacrolimus 42316, cyclosporine 3008, mycophenolate 68149, azathioprine 1256',
    build: (b) =>
      b
        .medication('immunosuppressant', '42316', { yearsAgo: 2 })
        .medication('immunosuppressant', '3008', { yearsAgo: 2 })
        .medication('immunosuppressant', '68149', { yearsAgo: 2 })
        .medication('immunosuppressant', '1256', { yearsAgo: 2 }),
    expected: [medReq('42316', T_2Y), medReq('3008', T_2Y), medReq('68149', T_2Y), medReq('1256', T_2Y)],
  },
  // Exam findings
  {
    row: 'Exam findings',
    name: 'Observation with the finding as code + valueBoolean true: polyp 65576009, ectropion 62909004, pelvic mass pcb',
    build: (b) => b.finding('cervical-polyp').finding('62909004').finding('pelvic-mass'),
    expected: [
      obs(cc(SCT, '65576009'), T_TODAY, { valueBoolean: true }),
      obs(cc(SCT, '62909004'), T_TODAY, { valueBoolean: true }),
      obs(cc(PCB, 'pelvic-mass'), T_TODAY, { valueBoolean: true }),
    ],
  },
  {
    row: 'Exam findings',
    name: 'Condition: cervical lesion 289794001, vault prolapse 42116007',
    build: (b) => b.finding('cervical-lesion', { as: 'condition' }).finding('vault-prolapse', { as: 'condition', daysAgo: 2 }),
    expected: [cond(cc(SCT, '289794001'), T_TODAY), cond(cc(SCT, '42116007'), T_2D)],
  },
  // Symptoms
  {
    row: 'Symptoms',
    name: 'Conditions fever 386661006, pelvic pain 30473006, weight loss 422868009, syncope 271594007',
    build: (b) =>
      b
        .finding('fever', { as: 'condition' })
        .finding('pelvic-pain', { as: 'condition' })
        .finding('weight-loss', { as: 'condition', weeksAgo: 2 })
        .finding('syncope', { as: 'condition' }),
    expected: [
      cond(cc(SCT, '386661006'), T_TODAY),
      cond(cc(SCT, '30473006'), T_TODAY),
      cond(cc(SCT, '422868009'), T_2W),
      cond(cc(SCT, '271594007'), T_TODAY),
    ],
  },
  {
    row: 'Symptoms',
    name: 'Observation discharge 271939006; pcb-facts heavy-bleeding / intermenstrual-bleeding valueBoolean true',
    build: (b) => b.finding('vaginal-discharge').heavyBleeding().intermenstrualBleeding({ daysAgo: 2 }),
    expected: [
      obs(cc(SCT, '271939006'), T_TODAY, { valueBoolean: true }),
      obs(cc(PCB, 'heavy-bleeding'), T_TODAY, { valueBoolean: true }),
      obs(cc(PCB, 'intermenstrual-bleeding'), T_2D, { valueBoolean: true }),
    ],
  },
  {
    row: 'Symptoms',
    name: 'heavy / intermenstrual bleeding as QuestionnaireResponse answers',
    build: (b) => b.heavyBleeding({ via: 'questionnaire' }).intermenstrualBleeding({ via: 'questionnaire' }),
    expected: [qr('heavy-bleeding', true, T_TODAY), qr('intermenstrual-bleeding', true, T_TODAY)],
  },
  // Vital signs
  {
    row: 'Vital signs',
    name: 'standalone systolic 8480-6, heart rate 8867-4, temperature 8310-5',
    build: (b) => b.vitals({ systolic: 85, heartRate: 118, temperatureC: 38.2 }),
    expected: [
      obs(cc(LOINC, '8480-6'), T_TODAY, {
        valueQuantity: quantity(85, 'mm[Hg]'),
      }),
      obs(cc(LOINC, '8867-4'), T_TODAY, {
        valueQuantity: quantity(118, '/min'),
      }),
      obs(cc(LOINC, '8310-5'), T_TODAY, {
        valueQuantity: quantity(38.2, 'Cel'),
      }),
    ],
  },
  {
    row: 'Vital signs',
    name: 'systolic 8480-6 as a component of panel 85354-9',
    build: (b) =>
      b.vitals({
        systolic: 85,
        diastolic: 50,
        bloodPressure: 'panel',
        daysAgo: 2,
      }),
    expected: [
      obs(cc(LOINC, '85354-9'), T_2D, {
        component: [
          { code: cc(LOINC, '8480-6'), valueQuantity: quantity(85, 'mm[Hg]') },
          { code: cc(LOINC, '8462-4'), valueQuantity: quantity(50, 'mm[Hg]') },
        ],
      }),
    ],
  },
  // RhD type
  {
    row: 'RhD type',
    name: '10331-7 = 165746003 negative / 165747007 positive (SNOMED CT; the RhD row as corrected)',
    build: (b) => b.rhD('negative', { monthsAgo: 1 }).rhD('positive'),
    expected: [
      obs(cc(LOINC, '10331-7'), T_1MO, {
        valueCodeableConcept: cc(SCT, '165746003'),
      }),
      obs(cc(LOINC, '10331-7'), T_TODAY, {
        valueCodeableConcept: cc(SCT, '165747007'),
      }),
    ],
  },
  // Endometrial thickness
  {
    row: 'Endometrial thickness',
    name: 'pcb-facts#endometrial-thickness valueQuantity 7 mm',
    build: (b) => b.endometrialThickness(7, { daysAgo: 2 }),
    expected: [
      obs(cc(PCB, 'endometrial-thickness'), T_2D, {
        valueQuantity: quantity(7, 'mm'),
      }),
    ],
  },
  // Revision 2 additions
  {
    row: 'Placenta praevia',
    name: 'active Condition ICD-10-CM O44.x, dated by the scan',
    build: (b) => b.placentaPraevia('O44.02', { weeksAgo: 2 }),
    expected: [cond(cc(ICD10CM, 'O44.02'), T_2W)],
  },
  {
    row: 'Placenta praevia',
    name: 'active Condition SNOMED 36813001',
    build: (b) => b.placentaPraevia('36813001', { weeksAgo: 2 }),
    expected: [cond(cc(SCT, '36813001'), T_2W)],
  },
  {
    row: 'Rev 2: HPV result',
    name: 'HPV DNA test negative 787724008 and positive, high risk 720005005',
    build: (b) => b.hpv('dna-negative', { yearsAgo: 2 }).hpv('dna-positive-high-risk', { monthsAgo: 1 }),
    expected: [
      obs(cc(LOINC, '30167-1'), T_2Y, {
        valueCodeableConcept: cc(SCT, '787724008'),
      }),
      obs(cc(LOINC, '30167-1'), T_1MO, {
        valueCodeableConcept: cc(SCT, '720005005'),
      }),
    ],
  },
  {
    row: 'Rev 2: Cytology result',
    name: 'HSIL on cervical Papanicolaou smear 62061000119107 in a report conclusionCode',
    build: (b) =>
      b.cytology('62061000119107', {
        monthsAgo: 3,
        code: '47528-5',
        report: true,
      }),
    expected: [
      {
        resourceType: 'DiagnosticReport',
        status: 'final',
        code: cc(LOINC, '47528-5'),
        subject: SUBJECT,
        effectiveDateTime: T_3MO,
        conclusionCode: [cc(SCT, '62061000119107')],
      },
    ],
  },
  {
    row: 'Rev 2: Cervical histology',
    name: 'DiagnosticReport LOINC 65753-6 with CIN3 20365006 in conclusionCode',
    build: (b) => b.histology('CIN3', { yearsAgo: 2 }),
    expected: [
      {
        resourceType: 'DiagnosticReport',
        status: 'final',
        code: cc(LOINC, '65753-6'),
        subject: SUBJECT,
        effectiveDateTime: T_2Y,
        conclusionCode: [cc(SCT, '20365006')],
      },
    ],
  },
  {
    row: 'Rev 2: Cervical histology',
    name: 'Observation LOINC 65753-6 valued normal 165324008',
    build: (b) => b.histology('normal', { monthsAgo: 1, resource: 'Observation' }),
    expected: [
      obs(cc(LOINC, '65753-6'), T_1MO, {
        valueCodeableConcept: cc(SCT, '165324008'),
      }),
    ],
  },
  {
    row: 'Rev 2: Undated history',
    name: 'total hysterectomy Procedure with no performed date',
    build: (b) => b.hysterectomy('116140006', { undated: true }),
    expected: [
      {
        resourceType: 'Procedure',
        status: 'completed',
        code: cc(SCT, '116140006'),
        subject: SUBJECT,
      },
    ],
    absent: ['performedDateTime', 'performedPeriod'],
  },
  {
    row: 'Rev 2: Undated history',
    name: 'cervix-absence Condition Z90.710 with neither onset nor recordedDate',
    build: (b) => b.hysterectomy('Z90.710', { undated: true }),
    expected: [
      {
        resourceType: 'Condition',
        code: cc(ICD10CM, 'Z90.710'),
        ...conditionStatus('active'),
      },
    ],
    absent: ['onsetDateTime', 'recordedDate'],
  },
  {
    row: 'Rev 2: Linked results',
    name: 'cotest report: undated HPV Observation referenced from DiagnosticReport.result',
    build: (b) =>
      b.cotestReport('HSIL-pap-smear', 'dna-positive-high-risk', {
        monthsAgo: 1,
      }),
    expected: [
      {
        resourceType: 'Observation',
        id: `${PID}-obs-1`,
        code: cc(LOINC, '30167-1'),
        valueCodeableConcept: cc(SCT, '720005005'),
      },
      {
        resourceType: 'DiagnosticReport',
        code: cc(LOINC, '47528-5'),
        effectiveDateTime: T_1MO,
        result: [{ reference: `Observation/${PID}-obs-1` }],
        conclusionCode: [cc(SCT, '62061000119107')],
      },
    ],
    absent: ['effectiveDateTime'],
  },
  {
    row: 'Rev 2: HIV / immunosuppression',
    name: 'immune-status Observation LOINC 96381-9 = SNOMED 370388006',
    build: (b) => b.immuneStatus('immunocompromised', { monthsAgo: 3 }),
    expected: [
      obs(cc(LOINC, '96381-9'), T_3MO, {
        valueCodeableConcept: cc(SCT, '370388006'),
      }),
    ],
  },
  {
    row: 'Rev 2: HIV / immunosuppression',
    name: 'HIV Condition SNOMED 186706006',
    build: (b) => b.condition('snomed', '186706006', { yearsAgo: 2 }),
    expected: [cond(cc(SCT, '186706006'), T_2Y)],
  },
  {
    row: 'Rev 2: Acute findings',
    name: 'acute abdominal pain SNOMED 21522001 as a Condition today',
    build: (b) => b.finding('acute-abdominal-pain', { as: 'condition' }),
    expected: [cond(cc(SCT, '21522001'), T_TODAY)],
  },
  {
    row: 'Setting (facts contract)',
    name: 'emergency Encounter (v3 ActCode EMER) with reason N93.0 → hospital',
    build: (b) => b.pcbEncounter({ encounterClass: 'emergency' }),
    expected: [
      {
        resourceType: 'Encounter',
        status: 'finished',
        class: expect.objectContaining({
          system: 'http://terminology.hl7.org/CodeSystem/v3-ActCode',
          code: 'EMER',
        }) as unknown as object,
        reasonCode: [cc(ICD10CM, 'N93.0')],
        period: { start: T_TODAY, end: T_TODAY },
      },
    ],
  },
  // QuestionnaireResponse answers
  {
    row: 'QuestionnaireResponse answers',
    name: 'completed QuestionnaireResponse, item linkId + valueBoolean, dated by authored',
    build: (b) => b.questionnaireAnswer('new-sexual-partner', false, { weeksAgo: 1 }),
    expected: [
      {
        ...qr('new-sexual-partner', false, T_1W),
        questionnaire: 'http://pcb-cds.org/fhir/Questionnaire/pcb-history',
      },
    ],
  },
];

function build(c: Case): { patient: Patient; facts: FhirResource[] } {
  const bundle = c.build(new PatientBundleBuilder(PID, TODAY)).build();
  const resources = (bundle.entry ?? []).map((e) => e.resource as FhirResource);
  const [patient, ...facts] = resources;
  return { patient: patient as Patient, facts };
}

describe('PatientBundleBuilder: one row per fact-encoding.md row', () => {
  it.each(CASES.map((c) => [c.row, c.name, c] as const))('%s: %s', (_row, _name, c) => {
    const { patient, facts } = build(c);
    if (c.patient !== undefined) {
      expect(patient).toMatchObject(c.patient);
    }
    if (c.expected !== undefined) {
      expect(facts).toHaveLength(c.expected.length);
      c.expected.forEach((expected, i) => expect(facts[i]).toMatchObject(expected));
    } else {
      expect(facts).toHaveLength(0);
    }
    for (const key of c.absent ?? []) {
      expect(facts[0]).not.toHaveProperty(key);
    }
  });

  it('covers every row of fact-encoding.md', () => {
    const covered = new Set(CASES.map((c) => c.row));
    expect(FACT_ENCODING_ROWS.filter((r) => !covered.has(r))).toEqual([]);
  });
});

describe('PatientBundleBuilder: bundle mechanics', () => {
  const bundle = new PatientBundleBuilder(PID, TODAY)
    .name('Alex', 'Demo')
    .gender('female')
    .pcbCondition()
    .hcg('negative')
    .rhD('positive')
    .colposcopy()
    .build();

  it('is a transaction Bundle with the Patient first', () => {
    expect(bundle.resourceType).toBe('Bundle');
    expect(bundle.type).toBe('transaction');
    expect(bundle.entry?.[0]?.resource).toMatchObject({
      resourceType: 'Patient',
      id: PID,
      name: [{ family: 'Demo', given: ['Alex'] }],
    });
  });

  it('gives each resource a deterministic id <patient>-<kind>-<n> and a PUT to <type>/<id>', () => {
    expect(bundle.entry?.map((e) => [e.fullUrl, e.request?.method, e.request?.url])).toEqual([
      [`Patient/${PID}`, 'PUT', `Patient/${PID}`],
      [`Condition/${PID}-cond-1`, 'PUT', `Condition/${PID}-cond-1`],
      [`Observation/${PID}-obs-1`, 'PUT', `Observation/${PID}-obs-1`],
      [`Observation/${PID}-obs-2`, 'PUT', `Observation/${PID}-obs-2`],
      [`Procedure/${PID}-proc-1`, 'PUT', `Procedure/${PID}-proc-1`],
    ]);
  });

  it('writes Observation status final and Conditions with clinical and verification status', () => {
    const resources = (bundle.entry ?? []).map((e) => e.resource as FhirResource);
    for (const r of resources) {
      if (r.resourceType === 'Observation') {
        expect(r.status).toBe('final');
      }
      if (r.resourceType === 'Condition') {
        expect(r.clinicalStatus?.coding?.[0]?.system).toBe(CLINICAL);
        expect(r.verificationStatus?.coding?.[0]).toMatchObject({
          system: VERIFICATION,
          code: 'confirmed',
        });
      }
    }
  });

  it('returns independent copies: building twice gives equal, unshared JSON', () => {
    const b = new PatientBundleBuilder(PID, TODAY).pcbCondition();
    const first = b.build();
    const second = b.build();
    expect(second).toEqual(first);
    expect(second.entry?.[1]?.resource).not.toBe(first.entry?.[1]?.resource);
  });

  it.each(['', '123', 'has space', 'x'.repeat(49), 'under_score'])('rejects patient id %j', (id) => {
    expect(() => new PatientBundleBuilder(id, TODAY)).toThrow();
  });

  it.each([
    ['unknown hysterectomy code', (b: PatientBundleBuilder) => b.hysterectomy('999999')],
    ['unknown cytology result', (b: PatientBundleBuilder) => b.cytology('NOT-A-RESULT')],
    ['tamoxifen is not an anticoagulant', (b: PatientBundleBuilder) => b.medication('anticoagulant', '10324')],
    ['contraceptive estrogen is not HRT', (b: PatientBundleBuilder) => b.medication('hrt', '978944')],
    ['a "pre" code given for post', (b: PatientBundleBuilder) => b.menopause('post', { code: '22636003' })],
    ['N95.1 given for pre', (b: PatientBundleBuilder) => b.menopause('pre', { code: 'N95.1' })],
    ['SNOMED has no "unknown" pregnancy value', (b: PatientBundleBuilder) => b.pregnancyStatus('unknown', { system: 'snomed' })],
    ['a future fact', (b: PatientBundleBuilder) => b.pcbCondition({ daysAgo: -1 })],
    ['a malformed birthDate', (b: PatientBundleBuilder) => b.birthDate('2001-1-1')],
    ['a panel without systolic', (b: PatientBundleBuilder) => b.vitals({ diastolic: 50, bloodPressure: 'panel' })],
  ])('refuses %s', (_what, act) => {
    expect(() => act(new PatientBundleBuilder(PID, TODAY))).toThrow();
  });
});
