import type { FhirResource } from 'fhir/r4';
import { defaultTerminology } from '@pcb-cds/postcoital-bleeding-terminology';
import { toPatientRecord } from './to-patient-record';

// One row per encoding of fact-encoding.md "Revision 2 additions: encodings real data uses".
const LOINC = 'http://loinc.org';
const SNOMED = 'http://snomed.info/sct';
const ICD = 'http://hl7.org/fhir/sid/icd-10-cm';
const CPT = 'http://www.ama-assn.org/go/cpt';
const RXNORM = 'http://www.nlm.nih.gov/research/umls/rxnorm';
const PCB = 'http://pcb-cds.org/fhir/CodeSystem/pcb-facts';
const NOW = '2026-11-22T12:00:00Z';
const subject = { reference: 'Patient/p1' };
const patient = { reference: 'Patient/p1' };
const status = (code: string) => ({ coding: [{ system: 'http://terminology.hl7.org/CodeSystem/condition-clinical', code }] });
const cc = (system: string, code: string, display?: string) => ({ coding: [{ system, code, ...(display ? { display } : {}) }] });

const obs = (
  code: [string, string],
  value: Record<string, unknown>,
  extra: Record<string, unknown> = { effectiveDateTime: '2026-11-20T09:00:00Z' },
): FhirResource => ({ resourceType: 'Observation', status: 'final', subject, code: cc(...code), ...value, ...extra }) as FhirResource;
const value = (system: string, code: string) => ({ valueCodeableConcept: cc(system, code) });
const cond = (code: [string, string], extra: Record<string, unknown> = {}): FhirResource =>
  ({
    resourceType: 'Condition',
    subject,
    clinicalStatus: status('active'),
    code: cc(...code),
    onsetDateTime: '2026-11-15',
    ...extra,
  }) as FhirResource;
const undatedCond = (code: [string, string], extra: Record<string, unknown> = {}): FhirResource =>
  ({ resourceType: 'Condition', subject, code: cc(...code), ...extra }) as FhirResource;
const proc = (code: [string, string], extra: Record<string, unknown> = { performedDateTime: '2026-06-01' }): FhirResource =>
  ({ resourceType: 'Procedure', status: 'completed', subject, code: cc(...code), ...extra }) as FhirResource;
const report = (code: [string, string], extra: Record<string, unknown>): FhirResource =>
  ({ resourceType: 'DiagnosticReport', status: 'final', subject, code: cc(...code), ...extra }) as FhirResource;
const med = (resourceType: string, rxnorm: string, status: string, extra: Record<string, unknown> = {}): FhirResource =>
  ({
    resourceType,
    status,
    subject,
    medicationCodeableConcept: cc(RXNORM, rxnorm),
    ...(resourceType === 'MedicationRequest' ? { intent: 'order', authoredOn: '2026-05-01' } : { effectiveDateTime: '2026-05-01' }),
    ...extra,
  }) as FhirResource;
const read = (...resources: FhirResource[]) =>
  toPatientRecord(
    { items: { resourceType: 'Bundle', type: 'searchset', entry: resources.map((resource) => ({ resource })) } },
    'p1',
    NOW,
    defaultTerminology,
  );
type Row = [string, FhirResource[], (r: ReturnType<typeof read>) => unknown, unknown];

describe('HPV results (revision 2)', () => {
  it.each<Row>([
    [
      '787724008 HPV DNA test negative',
      [obs([LOINC, '30167-1'], value(SNOMED, '787724008'))],
      (r) => r.hpv.map((h) => h.result),
      ['negative'],
    ],
    ['260415000 Not detected', [obs([LOINC, '30167-1'], value(SNOMED, '260415000'))], (r) => r.hpv.map((h) => h.result), ['negative']],
    [
      '720005005 HPV DNA test positive, high risk',
      [obs([LOINC, '30167-1'], value(SNOMED, '720005005'))],
      (r) => r.hpv.map((h) => h.result),
      ['positive'],
    ],
    [
      '260373001 Detected on an HPV 16 test (77399-4) = HPV 16',
      [obs([LOINC, '77399-4'], value(SNOMED, '260373001'))],
      (r) => r.hpv.map((h) => h.result),
      ['hpv16'],
    ],
    [
      '260373001 Detected on an HPV 18 test (77400-0) = HPV 18',
      [obs([LOINC, '77400-0'], value(SNOMED, '260373001'))],
      (r) => r.hpv.map((h) => h.result),
      ['hpv18'],
    ],
    [
      'Not detected on an HPV 16 test is negative',
      [obs([LOINC, '77399-4'], value(SNOMED, '260415000'))],
      (r) => r.hpv.map((h) => h.result),
      ['negative'],
    ],
    [
      'genotype substance 708301004 (HPV 31 DNA) on 82675-0 = other high-risk positive',
      [obs([LOINC, '82675-0'], value(SNOMED, '708301004'))],
      (r) => r.hpv.map((h) => h.result),
      ['positive'],
    ],
    [
      'Detected on the other-high-risk test 71431-1',
      [obs([LOINC, '71431-1'], value(SNOMED, '260373001'))],
      (r) => r.hpv.map((h) => h.result),
      ['positive'],
    ],
  ])('%s', (_name, resources, pick, expected) => {
    expect(pick(read(...resources))).toEqual(expected);
  });
});

describe('cytology and histology (revision 2)', () => {
  it.each<Row>([
    [
      'HSIL 62061000119107 on a cytology Observation',
      [obs([LOINC, '19762-4'], value(SNOMED, '62061000119107'))],
      (r) => r.cytology.map((c) => c.result),
      ['HSIL'],
    ],
    [
      'unsatisfactory 112631006',
      [obs([LOINC, '19762-4'], value(SNOMED, '112631006'))],
      (r) => r.cytology.map((c) => c.result),
      ['unsatisfactory'],
    ],
    [
      'DiagnosticReport-coded HSIL (conclusionCode 62061000119107)',
      [report([LOINC, '47528-5'], { effectiveDateTime: '2026-10-01', conclusionCode: [cc(SNOMED, '62061000119107')] })],
      (r) => r.cytology,
      [{ date: '2026-10-01', result: 'HSIL' }],
    ],
    [
      'histology report 65753-6 with CIN3 (20365006): CIN2+ history and histology since',
      [report([LOINC, '65753-6'], { effectiveDateTime: '2026-09-01', conclusionCode: [cc(SNOMED, '20365006')] })],
      (r) => [r.histology, r.cervicalHistory, r.colposcopy],
      [
        [{ date: '2026-09-01', result: 'cin2-plus' }],
        [{ date: '2026-09-01', kind: 'cin2-plus', code: '20365006', display: 'CIN2+ on cervical histology' }],
        [{ date: '2026-09-01', kind: 'histology' }],
      ],
    ],
    [
      'histology Observation 65753-6 normal (165324008): histology since, no CIN2+',
      [obs([LOINC, '65753-6'], value(SNOMED, '165324008'))],
      (r) => [r.histology, r.cervicalHistory, r.colposcopy],
      [[{ date: '2026-11-20', result: 'normal' }], [], [{ date: '2026-11-20', kind: 'histology' }]],
    ],
    [
      'histology names what was found: the result display, for the card',
      [obs([LOINC, '65753-6'], { valueCodeableConcept: cc(SNOMED, '20365006', 'Cervical intraepithelial neoplasia grade 3') })],
      (r) => r.cervicalHistory.map((h) => h.display),
      ['Cervical intraepithelial neoplasia grade 3 on cervical histology'],
    ],
    [
      'histology cervical cancer 109880006',
      [obs([LOINC, '65753-6'], value(SNOMED, '109880006'))],
      (r) => r.cervicalHistory.map((h) => h.kind),
      ['cancer'],
    ],
    [
      'histology AIS 447760009',
      [obs([LOINC, '65753-6'], value(SNOMED, '447760009'))],
      (r) => r.cervicalHistory.map((h) => h.kind),
      ['cin2-plus'],
    ],
    [
      'histology CIN1 285836003 is not CIN2+',
      [obs([LOINC, '65753-6'], value(SNOMED, '285836003'))],
      (r) => [r.histology[0]?.result, r.cervicalHistory.length],
      ['cin1', 0],
    ],
  ])('%s', (_name, resources, pick, expected) => {
    expect(pick(read(...resources))).toEqual(expected);
  });
});

describe('colposcopy and treatment (revision 2)', () => {
  it.each<Row>([
    ['colposcopy CPT 57455', [proc([CPT, '57455'])], (r) => r.colposcopy, [{ date: '2026-06-01', kind: 'colposcopy' }]],
    [
      'cervix excision 120038005: CIN2+ history and treatment since',
      [proc([SNOMED, '120038005'])],
      (r) => [r.colposcopy, r.cervicalHistory.map((h) => h.kind)],
      [[{ date: '2026-06-01', kind: 'treatment' }], ['cin2-plus']],
    ],
    ['conization CPT 57520', [proc([CPT, '57520'])], (r) => r.colposcopy.map((c) => c.kind), ['treatment']],
    [
      'cryotherapy 176771009 undated: CIN2+ history, no "since" date',
      [proc([SNOMED, '176771009'], {})],
      (r) => [r.colposcopy.length, r.cervicalHistory],
      [0, [{ date: undefined, kind: 'cin2-plus', code: '176771009', display: 'treated cervical precancer (excision or ablation)' }]],
    ],
    [
      'a colposcopy ServiceRequest (176786003) is an order, not a colposcopy done',
      [{ resourceType: 'ServiceRequest', status: 'completed', intent: 'order', subject, code: cc(SNOMED, '176786003') } as FhirResource],
      (r) => r.colposcopy,
      [],
    ],
  ])('%s', (_name, resources, pick, expected) => {
    expect(pick(read(...resources))).toEqual(expected);
  });
});

describe('undated history and cervix absence (revision 2)', () => {
  it.each<Row>([
    [
      'undated total hysterectomy Procedure counts',
      [proc([SNOMED, '116140006'], {})],
      (r) => r.hysterectomy.map((h) => [h.group, h.date]),
      [['no-cervix', undefined]],
    ],
    [
      'undated cervical agenesis Q51.5 counts',
      [undatedCond([ICD, 'Q51.5'])],
      (r) => r.hysterectomy.map((h) => [h.group, h.date]),
      [['no-cervix', undefined]],
    ],
    ['undated HIV Condition counts', [undatedCond([ICD, 'B20'])], (r) => r.risks.map((x) => [x.kind, x.date]), [['hiv', undefined]]],
    [
      'undated CIN3 Condition counts as CIN2+ history',
      [undatedCond([SNOMED, '20365006'])],
      (r) => r.cervicalHistory.map((h) => [h.kind, h.date]),
      [['cin2-plus', undefined]],
    ],
    [
      'an undated PCB Condition is not an episode (it needs a date)',
      [undatedCond([ICD, 'N93.0'], { clinicalStatus: status('active') })],
      (r) => r.pcb,
      [],
    ],
    [
      'vaginoplasty (neovagina, CPT 55970): vaginal-organ evidence with no cervix and no uterus',
      [proc([CPT, '55970'])],
      (r) => r.hysterectomy.map((h) => [h.group, h.source]),
      [['no-cervix', 'procedure']],
    ],
    [
      'Observation code 248911005 Uterine cervix absent → no cervix',
      [obs([SNOMED, '248911005'], {})],
      (r) => r.hysterectomy.map((h) => [h.group, h.source]),
      [['no-cervix', 'observation']],
    ],
  ])('%s', (_name, resources, pick, expected) => {
    expect(pick(read(...resources))).toEqual(expected);
  });
});

describe('linked results (revision 2)', () => {
  const linked = (extra: Record<string, unknown>): FhirResource =>
    ({
      resourceType: 'Observation',
      id: 'o1',
      status: 'final',
      subject,
      code: cc('urn:local', 'PAP-RESULT'),
      valueCodeableConcept: cc(SNOMED, '416033009'),
      ...extra,
    }) as FhirResource;
  it.each<Row>([
    [
      'an undated Observation listed in DiagnosticReport.result takes the report effective date and test code',
      [report([LOINC, '47528-5'], { effectiveDateTime: '2026-08-03', result: [{ reference: 'Observation/o1' }] }), linked({})],
      (r) => r.cytology,
      [{ date: '2026-08-03', result: 'HSIL' }],
    ],
    [
      'no effective date on the report: issued',
      [report([LOINC, '47528-5'], { issued: '2026-08-05T10:00:00Z', result: [{ reference: 'Observation/o1' }] }), linked({})],
      (r) => r.cytology.map((c) => c.date),
      ['2026-08-05'],
    ],
    [
      'a linked Observation with its own date keeps it',
      [
        report([LOINC, '47528-5'], { effectiveDateTime: '2026-08-03', result: [{ reference: 'Observation/o1' }] }),
        linked({ effectiveDateTime: '2026-08-01' }),
      ],
      (r) => r.cytology.map((c) => c.date),
      ['2026-08-01'],
    ],
    ['an unlinked Observation with no date is not read', [linked({})], (r) => r.cytology, []],
    [
      'a report whose linked results did not arrive: a result of unknown meaning, named',
      [report([LOINC, '47528-5'], { effectiveDateTime: '2026-08-03', result: [{ reference: 'Observation/missing' }] })],
      (r) => [r.cytology, r.unrecognisedResults.map((u) => [u.resourceType, u.date])],
      [[{ date: '2026-08-03', result: 'unknown' }], [['DiagnosticReport', '2026-08-03']]],
    ],
  ])('%s', (_name, resources, pick, expected) => {
    expect(pick(read(...resources))).toEqual(expected);
  });
});

describe('HIV and immunosuppression (revision 2)', () => {
  it.each<Row>([
    ['HIV SNOMED 186706006', [cond([SNOMED, '186706006'])], (r) => r.risks.map((x) => x.kind), ['hiv']],
    [
      'Immune status 96381-9 = 370388006 immunocompromised',
      [obs([LOINC, '96381-9'], value(SNOMED, '370388006'))],
      (r) => r.risks.map((x) => x.kind),
      ['immunocompromised'],
    ],
    ['Immune status with another value is not immunocompromised', [obs([LOINC, '96381-9'], value(SNOMED, '17621005'))], (r) => r.risks, []],
    ['GvHD D89.811', [cond([ICD, 'D89.811'])], (r) => r.risks.map((x) => x.kind), ['immunocompromised']],
    ['GvHD SNOMED 121121000119106', [cond([SNOMED, '121121000119106'])], (r) => r.risks.map((x) => x.kind), ['immunocompromised']],
    ['liver transplant Procedure 174425003', [proc([SNOMED, '174425003'])], (r) => r.risks.map((x) => x.kind), ['immunocompromised']],
    ['kidney transplant CPT 50360', [proc([CPT, '50360'])], (r) => r.risks.map((x) => x.kind), ['immunocompromised']],
    [
      'autologous bone-marrow transplant 19944001 as a Condition',
      [cond([SNOMED, '19944001'])],
      (r) => r.risks.map((x) => x.kind),
      ['immunocompromised'],
    ],
    ['resolved GvHD does not count', [cond([ICD, 'D89.811'], { clinicalStatus: status('resolved') })], (r) => r.risks, []],
    [
      'rheumatoid arthritis is recorded as an immune-mediated disease',
      [cond([ICD, 'M06.9'])],
      (r) => r.risks.map((x) => x.kind),
      ['immune-mediated-disease'],
    ],
    ['Crohn disease K50.90', [cond([ICD, 'K50.90'])], (r) => r.risks.map((x) => x.kind), ['immune-mediated-disease']],
    [
      'MedicationStatement active infliximab product 1160692, named by its ingredient',
      [med('MedicationStatement', '1160692', 'active')],
      (r) => r.risks.map((x) => [x.kind, x.active, x.ingredient]),
      [['immunosuppressant', true, 'infliximab']],
    ],
    [
      'MedicationAdministration completed everolimus 1119399',
      [med('MedicationAdministration', '1119399', 'completed')],
      (r) => r.risks.map((x) => [x.kind, x.active]),
      [['immunosuppressant', false]],
    ],
    [
      'MedicationRequest completed chlorambucil 1153039',
      [med('MedicationRequest', '1153039', 'completed')],
      (r) => r.risks.map((x) => [x.kind, x.active, x.ingredient]),
      [['immunosuppressant', false, 'chlorambucil']],
    ],
    [
      'VSAC immunosuppressive product tacrolimus 1 MG capsule (198377)',
      [med('MedicationRequest', '198377', 'active')],
      (r) => r.risks.map((x) => x.ingredient),
      ['tacrolimus'],
    ],
  ])('%s', (_name, resources, pick, expected) => {
    expect(pick(read(...resources))).toEqual(expected);
  });
});

describe('anticoagulants and HRT (R2-26, R2-15)', () => {
  it.each<Row>([
    [
      'warfarin 5 MG tablet 855332 → vitamin K antagonist',
      [med('MedicationRequest', '855332', 'active')],
      (r) => r.risks.map((x) => [x.drugClass, x.ingredient]),
      [['vitamin-k-antagonist', 'warfarin']],
    ],
    [
      'apixaban 5 MG 1364445 → factor Xa inhibitor',
      [med('MedicationRequest', '1364445', 'active')],
      (r) => r.risks.map((x) => x.drugClass),
      ['factor-xa-inhibitor'],
    ],
    [
      'dabigatran 150 MG 1037045 → dabigatran',
      [med('MedicationStatement', '1037045', 'active')],
      (r) => r.risks.map((x) => x.drugClass),
      ['dabigatran'],
    ],
    [
      'enoxaparin 854235 → LMWH',
      [med('MedicationRequest', '854235', 'active')],
      (r) => r.risks.map((x) => x.drugClass),
      ['low-molecular-weight-heparin'],
    ],
    [
      'heparin ingredient 5224 → unfractionated heparin',
      [med('MedicationRequest', '5224', 'active')],
      (r) => r.risks.map((x) => x.drugClass),
      ['unfractionated-heparin'],
    ],
    ['Z79.01 long-term anticoagulant: class unknown', [cond([ICD, 'Z79.01'])], (r) => r.risks.map((x) => x.drugClass), ['unknown']],
    ['a completed anticoagulant no longer counts', [med('MedicationRequest', '855332', 'completed')], (r) => r.risks, []],
    [
      'estradiol 4083 is HRT, dated by authoredOn',
      [med('MedicationRequest', '4083', 'active')],
      (r) => r.risks.map((x) => [x.kind, x.date]),
      [['hrt', '2026-05-01']],
    ],
  ])('%s', (_name, resources, pick, expected) => {
    expect(pick(read(...resources))).toEqual(expected);
  });
});

describe('pregnancy encodings (R2-25)', () => {
  const preg = (r: ReturnType<typeof read>) => r.pregnancyEvidence.map((e) => e.kind);
  const episode = (extra: Record<string, unknown>): FhirResource =>
    ({
      resourceType: 'EpisodeOfCare',
      status: 'active',
      patient,
      type: [cc(SNOMED, '424525001')],
      period: { start: '2026-09-01' },
      ...extra,
    }) as FhirResource;
  it.each<Row>([
    [
      'antenatal EpisodeOfCare 424525001, active',
      [episode({})],
      (r) => r.pregnancyEvidence,
      [{ date: '2026-09-01', kind: 'antenatal-episode' }],
    ],
    ['antenatal episode that has ended', [episode({ period: { start: '2026-01-01', end: '2026-10-01' } })], preg, []],
    ['antenatal episode finished', [episode({ status: 'finished' })], preg, []],
    ['O09.90 supervision of high-risk pregnancy', [cond([ICD, 'O09.90'])], preg, ['pregnancy-condition']],
    ['O26.892 pregnancy-related condition, second trimester', [cond([ICD, 'O26.892'])], preg, ['pregnancy-condition']],
    ['O36.5930 poor fetal growth, third trimester (7th character fetus)', [cond([ICD, 'O36.5930'])], preg, ['pregnancy-condition']],
    ['O44.13 praevia with haemorrhage, third trimester', [cond([ICD, 'O44.13'])], preg, ['pregnancy-condition']],
    ['O60.03 preterm labour without delivery', [cond([ICD, 'O60.03'])], preg, ['pregnancy-condition']],
    ['O99.213 obesity in pregnancy, third trimester', [cond([ICD, 'O99.213'])], preg, ['pregnancy-condition']],
    ['O9A.113 malignancy in pregnancy', [cond([ICD, 'O9A.113'])], preg, ['pregnancy-condition']],
    ['O98.713 HIV in pregnancy', [cond([ICD, 'O98.713'])], preg, ['pregnancy-condition']],
    ['SNOMED 77386006 Pregnancy as an active Condition (VSAC Pregnancy)', [cond([SNOMED, '77386006'])], preg, ['pregnancy-condition']],
    ['SNOMED 57630001 First trimester pregnancy', [cond([SNOMED, '57630001'])], preg, ['pregnancy-condition']],
    ['O99.891 other conditions complicating pregnancy', [cond([ICD, 'O99.891'])], preg, ['pregnancy-condition']],
    ['O99.892 other conditions complicating childbirth is not pregnancy', [cond([ICD, 'O99.892'])], preg, []],
    ['O10.02 complicating childbirth is not pregnancy', [cond([ICD, 'O10.02'])], preg, []],
    ['O99.214 obesity complicating childbirth is not pregnancy', [cond([ICD, 'O99.214'])], preg, []],
    ['O99.43 complicating the puerperium is not pregnancy', [cond([ICD, 'O99.43'])], preg, []],
    ['O24.420 gestational diabetes in childbirth is not pregnancy', [cond([ICD, 'O24.420'])], preg, []],
    ['O60.14 preterm labour with preterm delivery is not pregnancy', [cond([ICD, 'O60.14'])], preg, []],
    ['O80 delivery is not pregnancy', [cond([ICD, 'O80'])], preg, []],
    ['O92.5 lactation disorder is not pregnancy', [cond([ICD, 'O92.5'])], preg, []],
    ['an inactive O26.892 is not pregnancy', [cond([ICD, 'O26.892'], { clinicalStatus: status('inactive') })], preg, []],
    [
      'O00.101 tubal ectopic, active → pregnancy of concern',
      [cond([ICD, 'O00.101'])],
      (r) => r.pregnancyOfConcern.map((c) => c.kind),
      ['ectopic'],
    ],
    ['O01.9 molar, active', [cond([ICD, 'O01.9'])], (r) => r.pregnancyOfConcern.map((c) => c.kind), ['molar']],
    ['O02.1 missed abortion, active', [cond([ICD, 'O02.1'])], (r) => r.pregnancyOfConcern.map((c) => c.kind), ['failed']],
    [
      'O03.4 incomplete spontaneous abortion, active',
      [cond([ICD, 'O03.4'])],
      (r) => r.pregnancyOfConcern.map((c) => c.kind),
      ['incomplete-abortion'],
    ],
    [
      'O03.9 complete abortion ends the pregnancy',
      [cond([ICD, 'O03.9'])],
      (r) => [r.pregnancyOfConcern.length, r.pregnancyEnded.map((e) => e.kind)],
      [0, ['abortive-outcome']],
    ],
    ['O04.5 induced abortion ends the pregnancy', [cond([ICD, 'O04.5'])], (r) => r.pregnancyEnded.map((e) => e.kind), ['abortive-outcome']],
    ['Z37.0 outcome of delivery ends the pregnancy', [cond([ICD, 'Z37.0'])], (r) => r.pregnancyEnded.map((e) => e.kind), ['delivery']],
    [
      'a resolved ectopic has ended',
      [cond([ICD, 'O00.101'], { clinicalStatus: status('resolved') })],
      (r) => [r.pregnancyOfConcern.length, r.pregnancyEnded.length],
      [0, 1],
    ],
    [
      'surgical treatment of ectopic pregnancy CPT 59120',
      [proc([CPT, '59120'])],
      (r) => r.pregnancyOfConcernTreated,
      [{ date: '2026-06-01' }],
    ],
    ['uterine evacuation for molar pregnancy CPT 59870', [proc([CPT, '59870'])], (r) => r.pregnancyOfConcernTreated.length, 1],
  ])('%s', (_name, resources, pick, expected) => {
    expect(pick(read(...resources))).toEqual(expected);
  });
});

describe('placenta praevia (R2-17, R2-31)', () => {
  it.each<Row>([
    ['O44.13 complete praevia with haemorrhage', [cond([ICD, 'O44.13'])], (r) => r.placentaPraevia.length, 1],
    ['O44.43 low-lying placenta', [cond([ICD, 'O44.43'])], (r) => r.placentaPraevia.length, 1],
    ['O69.4XX0 vasa praevia', [cond([ICD, 'O69.4XX0'])], (r) => r.placentaPraevia.length, 1],
    ['SNOMED 36813001 placenta previa', [cond([SNOMED, '36813001'])], (r) => r.placentaPraevia.length, 1],
    ['SNOMED descendant 62531004 marginal praevia', [cond([SNOMED, '62531004'])], (r) => r.placentaPraevia.length, 1],
    ['SNOMED 79668009 vasa previa', [cond([SNOMED, '79668009'])], (r) => r.placentaPraevia.length, 1],
    ['placenta accreta 70129008 is not praevia', [cond([SNOMED, '70129008'])], (r) => r.placentaPraevia.length, 0],
    [
      'a resolved praevia Condition does not count',
      [cond([ICD, 'O44.13'], { clinicalStatus: status('resolved') })],
      (r) => r.placentaPraevia.length,
      0,
    ],
    [
      'scan "placenta not low" (pcb code, valueBoolean true)',
      [obs([PCB, 'placenta-not-low'], { valueBoolean: true })],
      (r) => r.placentaNotLow,
      [{ date: '2026-11-20' }],
    ],
  ])('%s', (_name, resources, pick, expected) => {
    expect(pick(read(...resources))).toEqual(expected);
  });
});

describe('menopause, gender identity, findings, RhD, setting (revision 2)', () => {
  it.each<Row>([
    [
      'Observation code 76498008 postmenopausal state',
      [obs([SNOMED, '76498008'], {})],
      (r) => r.menopausalStatus.map((m) => m.value),
      ['post'],
    ],
    [
      'Observation code 32590007 premenopausal amenorrhoea → not post',
      [obs([SNOMED, '32590007'], {})],
      (r) => r.menopausalStatus.map((m) => m.value),
      ['pre'],
    ],
    [
      'gender-identity extension transgender-male',
      [
        {
          resourceType: 'Patient',
          id: 'p1',
          gender: 'male',
          extension: [
            {
              url: 'http://hl7.org/fhir/StructureDefinition/patient-genderIdentity',
              valueCodeableConcept: cc('http://terminology.hl7.org/CodeSystem/gender-identity', 'transgender-male'),
            },
          ],
        } as FhirResource,
      ],
      (r) => r.genderIdentityWithFemaleTract,
      true,
    ],
    [
      'gender identity Observation 76691-5 = LA22880-1 (female-to-male)',
      [obs([LOINC, '76691-5'], value(LOINC, 'LA22880-1'))],
      (r) => r.genderIdentityWithFemaleTract,
      true,
    ],
    [
      'gender identity Observation 76691-5 = LA22878-5 (identifies as male) says nothing of the tract',
      [obs([LOINC, '76691-5'], value(LOINC, 'LA22878-5'))],
      (r) => r.genderIdentityWithFemaleTract,
      false,
    ],
    [
      'US Core birth sex M is read',
      [
        {
          resourceType: 'Patient',
          id: 'p1',
          gender: 'female',
          extension: [{ url: 'http://hl7.org/fhir/us/core/StructureDefinition/us-core-birthsex', valueCode: 'M' }],
        } as FhirResource,
      ],
      (r) => r.birthSex,
      'M',
    ],
    ['cervicitis Condition 37610005', [cond([SNOMED, '37610005'])], (r) => r.findings.map((f) => f.kind), ['cervicitis']],
    [
      'vaginal lesion Observation code 289517005',
      [obs([SNOMED, '289517005'], {})],
      (r) => r.findings.map((f) => f.kind),
      ['vaginal-lesion'],
    ],
    [
      'chronic pelvic pain 237067000 is chronic pain, not pelvic pain',
      [cond([SNOMED, '237067000'])],
      (r) => r.symptoms.map((s) => s.kind),
      ['chronic-pain'],
    ],
    ['acute abdominal pain 21522001 is pain', [cond([SNOMED, '21522001'])], (r) => r.symptoms.map((s) => s.kind), ['pelvic-pain']],
    [
      'endometrial thickness with no value and a dataAbsentReason: endometrium not visualised (R2-8)',
      [
        obs([PCB, 'endometrial-thickness'], {
          dataAbsentReason: cc('http://terminology.hl7.org/CodeSystem/data-absent-reason', 'not-performed'),
        }),
      ],
      (r) => r.endometrialThicknessMm,
      [{ date: '2026-11-20', notVisualised: true }],
    ],
    [
      'ABO and Rh group 882-1 with an RhD-negative value',
      [obs([LOINC, '882-1'], value(SNOMED, '165746003'))],
      (r) => r.rhD.map((x) => x.value),
      ['negative'],
    ],
    [
      '882-1 with "Blood group O Rh(D) negative" 278148006',
      [obs([LOINC, '882-1'], value(SNOMED, '278148006'))],
      (r) => r.rhD.map((x) => x.value),
      ['negative'],
    ],
    [
      '882-1 with "Blood group A Rh(D) positive" 278149003',
      [obs([LOINC, '882-1'], value(SNOMED, '278149003'))],
      (r) => r.rhD.map((x) => x.value),
      ['positive'],
    ],
  ])('%s', (_name, resources, pick, expected) => {
    expect(pick(read(...resources))).toEqual(expected);
  });

  it.each([
    ['EMER', 'hospital'],
    ['IMP', 'hospital'],
    ['OBSENC', 'hospital'],
    ['AMB', 'outpatient'],
    ['VR', 'outpatient'],
    ['FLD', undefined],
  ])('the hook Encounter of class %s → setting %s', (code, expected) => {
    const encounter = {
      resourceType: 'Encounter',
      id: 'e1',
      status: 'in-progress',
      subject,
      class: { system: 'http://terminology.hl7.org/CodeSystem/v3-ActCode', code },
    };
    expect(toPatientRecord({ encounter }, 'p1', NOW, defaultTerminology).setting).toBe(expected);
  });
});

describe('unknown is said, never assumed', () => {
  it.each<Row>([
    [
      'cytology with an unknown result code: a result of unknown meaning, named',
      [obs([LOINC, '19762-4'], { valueCodeableConcept: cc(SNOMED, '999999999', 'Local HSIL') })],
      (r) => [r.cytology.map((c) => c.result), r.unrecognisedResults],
      [['unknown'], [{ resourceType: 'Observation', system: SNOMED, code: '999999999', display: 'Local HSIL', date: '2026-11-20' }]],
    ],
    [
      'HPV report whose conclusion is a local code',
      [report([LOINC, '30167-1'], { effectiveDateTime: '2026-10-01', conclusionCode: [cc('urn:local', 'HPV-POS')] })],
      (r) => [r.hpv.map((h) => h.result), r.unrecognisedResults.map((u) => [u.resourceType, u.code])],
      [['unknown'], [['DiagnosticReport', 'HPV-POS']]],
    ],
    [
      'histology with a text-only result: named by its words',
      [obs([LOINC, '65753-6'], { valueString: 'CIN 2-3, margins involved' })],
      (r) => r.unrecognisedResults.map((u) => [u.code, u.display, u.date]),
      [[undefined, 'CIN 2-3, margins involved', '2026-11-20']],
    ],
    [
      'a registered (pending) cytology is not a result yet',
      [obs([LOINC, '19762-4'], { status: 'registered' })],
      (r) => [r.cytology, r.unrecognisedResults],
      [[], []],
    ],
    [
      'chlamydia NAAT with an unknown result code',
      [obs([LOINC, '21613-5'], value('urn:local', 'CT-POS'))],
      (r) => [r.stiTests.length, r.unrecognisedResults.length],
      [0, 1],
    ],
    [
      'hCG with an unknown result code',
      [obs([LOINC, '2106-3'], value('urn:local', 'POS'))],
      (r) => [r.pregnancyEvidence.length, r.unrecognisedResults.length],
      [0, 1],
    ],
    [
      'RhD with an unknown value',
      [obs([LOINC, '882-1'], value(SNOMED, '112144000'))],
      (r) => [r.rhD.length, r.unrecognisedResults.map((u) => u.code)],
      [0, ['112144000']],
    ],
    ['a known result is not reported', [obs([LOINC, '19762-4'], value(SNOMED, '373887005'))], (r) => r.unrecognisedResults, []],
  ])('%s', (_name, resources, pick, expected) => {
    expect(pick(read(...resources))).toEqual(expected);
  });
});
