import type { FhirResource } from 'fhir/r4';
import { defaultTerminology } from '@pcb-cds/postcoital-bleeding-terminology';
import { toPatientRecord } from './to-patient-record';

const LOINC = 'http://loinc.org';
const SNOMED = 'http://snomed.info/sct';
const ICD = 'http://hl7.org/fhir/sid/icd-10-cm';
const RXNORM = 'http://www.nlm.nih.gov/research/umls/rxnorm';
const PCB = 'http://pcb-cds.org/fhir/CodeSystem/pcb-facts';
const TODAY = '2026-11-22';
const subject = { reference: 'Patient/p1' };
const active = { coding: [{ system: 'http://terminology.hl7.org/CodeSystem/condition-clinical', code: 'active' }] };
const resolved = { coding: [{ system: 'http://terminology.hl7.org/CodeSystem/condition-clinical', code: 'resolved' }] };
const cc = (system: string, code: string) => ({ coding: [{ system, code }] });

const obs = (code: [string, string], value: Record<string, unknown>, date = '2026-11-20T09:00:00Z'): FhirResource =>
  ({ resourceType: 'Observation', status: 'final', subject, code: cc(...code), effectiveDateTime: date, ...value }) as FhirResource;
const cond = (code: [string, string], extra: Record<string, unknown> = {}): FhirResource =>
  ({
    resourceType: 'Condition',
    subject,
    clinicalStatus: active,
    code: cc(...code),
    onsetDateTime: '2026-11-15',
    ...extra,
  }) as FhirResource;
const read = (...resources: FhirResource[]) =>
  toPatientRecord(
    { items: { resourceType: 'Bundle', type: 'searchset', entry: resources.map((resource) => ({ resource })) } },
    'p1',
    TODAY,
    defaultTerminology,
  );

// One row per row of docs/clinical/fact-encoding.md.
describe('fact-encoding.md → patient record', () => {
  it.each<[string, FhirResource[], (r: ReturnType<typeof read>) => unknown, unknown]>([
    [
      'PCB Condition N93.0, onset and recordedDate',
      [cond([ICD, 'N93.0'], { onsetDateTime: '2026-10-01', recordedDate: '2026-11-15' })],
      (r) => r.pcb,
      [{ date: '2026-10-01', recorded: '2026-11-15', source: 'condition' }],
    ],
    ['resolved PCB Condition is ignored', [cond([ICD, 'N93.0'], { clinicalStatus: resolved })], (r) => r.pcb, []],
    [
      'PCB Encounter.reasonCode',
      [
        {
          resourceType: 'Encounter',
          status: 'finished',
          class: { code: 'AMB' },
          subject,
          period: { start: '2026-11-10T10:00:00Z' },
          reasonCode: [cc(ICD, 'N93.0')],
        } as FhirResource,
      ],
      (r) => r.pcb,
      [{ date: '2026-11-10', source: 'encounter' }],
    ],
    ['PCB Observation valueBoolean true', [obs([PCB, 'postcoital-bleeding'], { valueBoolean: true })], (r) => r.pcb.length, 1],
    ['PCB Observation valueBoolean false is no PCB', [obs([PCB, 'postcoital-bleeding'], { valueBoolean: false })], (r) => r.pcb.length, 0],
    [
      'sex, birth sex extension and birth date',
      [
        {
          resourceType: 'Patient',
          id: 'p1',
          gender: 'male',
          birthDate: '1990-05-01',
          extension: [{ url: 'http://hl7.org/fhir/us/core/StructureDefinition/us-core-birthsex', valueCode: 'F' }],
        } as FhirResource,
      ],
      (r) => [r.administrativeGender, r.birthSex, r.birthDate],
      ['male', 'F', '1990-05-01'],
    ],
    [
      'pregnancy status LOINC answer',
      [obs([LOINC, '82810-3'], { valueCodeableConcept: cc(LOINC, 'LA15173-0') })],
      (r) => r.pregnancyEvidence,
      [{ date: '2026-11-20', kind: 'status-pregnant' }],
    ],
    [
      'pregnancy status SNOMED not pregnant (11449-6)',
      [obs([LOINC, '11449-6'], { valueCodeableConcept: cc(SNOMED, '60001007') })],
      (r) => r.pregnancyEvidence,
      [{ date: '2026-11-20', kind: 'status-not-pregnant' }],
    ],
    ['Z33.1 pregnant state', [cond([ICD, 'Z33.1'])], (r) => r.pregnancyEvidence, [{ date: '2026-11-15', kind: 'pregnancy-condition' }]],
    [
      'gestational age in weeks',
      [obs([LOINC, '49051-6'], { valueQuantity: { value: 8, unit: 'wk', system: 'http://unitsofmeasure.org', code: 'wk' } })],
      (r) => r.gestationalAge,
      [{ date: '2026-11-20', weeks: 8 }],
    ],
    [
      'gestational age in days',
      [obs([LOINC, '11884-4'], { valueQuantity: { value: 70, code: 'd' } })],
      (r) => r.gestationalAge,
      [{ date: '2026-11-20', weeks: 10 }],
    ],
    [
      'EDD',
      [obs([LOINC, '11778-8'], { valueDateTime: '2027-05-01' })],
      (r) => r.estimatedDeliveryDate,
      [{ date: '2026-11-20', value: '2027-05-01' }],
    ],
    [
      'LMP',
      [obs([LOINC, '8665-2'], { valueDateTime: '2026-11-01' })],
      (r) => r.lastMenstrualPeriod,
      [{ date: '2026-11-20', value: '2026-11-01' }],
    ],
    [
      'urine hCG negative',
      [obs([LOINC, '2106-3'], { valueCodeableConcept: cc(SNOMED, '260385009') })],
      (r) => r.pregnancyEvidence,
      [{ date: '2026-11-20', kind: 'hcg-negative' }],
    ],
    [
      'quantitative hCG',
      [obs([LOINC, '21198-7'], { valueQuantity: { value: 1200, unit: 'm[IU]/mL' } })],
      (r) => r.hcgQuantitative,
      [{ date: '2026-11-20', value: 1200 }],
    ],
    [
      'delivery procedure ends a pregnancy',
      [
        {
          resourceType: 'Procedure',
          status: 'completed',
          subject,
          code: cc(SNOMED, '236973005'),
          performedDateTime: '2026-10-01',
        } as FhirResource,
      ],
      (r) => r.pregnancyEnded,
      [{ date: '2026-10-01', kind: 'delivery' }],
    ],
    [
      'resolved O03.9 abortive outcome still ends a pregnancy',
      [cond([ICD, 'O03.9'], { clinicalStatus: resolved })],
      (r) => r.pregnancyEnded,
      [{ date: '2026-11-15', kind: 'abortive-outcome' }],
    ],
    [
      'menopausal status Observation',
      [obs([SNOMED, '161712005'], { valueCodeableConcept: cc(SNOMED, '76498008') })],
      (r) => r.menopausalStatus,
      [{ date: '2026-11-20', value: 'post', source: 'observation' }],
    ],
    [
      'N95.1 menopausal state',
      [cond([ICD, 'N95.1'])],
      (r) => r.menopausalStatus,
      [{ date: '2026-11-15', value: 'post', source: 'condition' }],
    ],
    [
      'total hysterectomy procedure',
      [
        {
          resourceType: 'Procedure',
          status: 'completed',
          subject,
          code: { coding: [{ system: SNOMED, code: '116140006', display: 'Total hysterectomy' }] },
          performedDateTime: '2016-03-01',
        } as FhirResource,
      ],
      (r) => r.hysterectomy,
      [{ date: '2016-03-01', group: 'no-cervix', code: '116140006', display: 'Total hysterectomy', source: 'procedure' }],
    ],
    [
      'Z90.711 cervix retained (history, any status)',
      [cond([ICD, 'Z90.711'], { clinicalStatus: resolved })],
      (r) => r.hysterectomy.map((h) => h.group),
      ['cervix-retained'],
    ],
    [
      'cytology HSIL',
      [obs([LOINC, '19762-4'], { valueCodeableConcept: cc(SNOMED, '416033009') })],
      (r) => r.cytology,
      [{ date: '2026-11-20', result: 'HSIL' }],
    ],
    [
      'HPV 16 positive',
      [obs([LOINC, '77399-4'], { valueCodeableConcept: cc(SNOMED, '708298003') })],
      (r) => r.hpv,
      [{ date: '2026-11-20', result: 'hpv16' }],
    ],
    [
      'cytology as DiagnosticReport.conclusionCode',
      [
        {
          resourceType: 'DiagnosticReport',
          status: 'final',
          subject,
          code: cc(LOINC, '47528-5'),
          effectiveDateTime: '2025-01-01',
          conclusionCode: [cc(SNOMED, '373887005')],
        } as FhirResource,
      ],
      (r) => r.cytology,
      [{ date: '2025-01-01', result: 'NILM' }],
    ],
    ['R87.613 HSIL diagnosis dated by onset', [cond([ICD, 'R87.613'])], (r) => r.cytology, [{ date: '2026-11-15', result: 'HSIL' }]],
    [
      'colposcopy procedure',
      [
        {
          resourceType: 'Procedure',
          status: 'completed',
          subject,
          code: cc(SNOMED, '392003006'),
          performedDateTime: '2026-09-01',
        } as FhirResource,
      ],
      (r) => r.colposcopy,
      [{ date: '2026-09-01', kind: 'colposcopy' }],
    ],
    [
      'CIN3 history',
      [cond([SNOMED, '252991009'], { clinicalStatus: resolved })],
      (r) => r.cervicalHistory.map((h) => h.kind),
      ['cin2-plus'],
    ],
    ['C53.9 cervical cancer by prefix', [cond([ICD, 'C53.9'])], (r) => r.cervicalHistory.map((h) => h.kind), ['cancer']],
    [
      'CT/NG NAAT negative',
      [obs([LOINC, '80362-7'], { valueCodeableConcept: cc(SNOMED, '260385009') })],
      (r) => r.stiTests,
      [{ date: '2026-11-20', organism: 'ct-ng', result: 'negative' }],
    ],
    [
      'chlamydia NAAT positive',
      [obs([LOINC, '53926-2'], { valueCodeableConcept: cc(SNOMED, '10828004') })],
      (r) => r.stiTests,
      [{ date: '2026-11-20', organism: 'chlamydia', result: 'positive' }],
    ],
    [
      'new sexual partner',
      [obs([PCB, 'new-sexual-partner'], { valueBoolean: true })],
      (r) => r.newSexualPartner,
      [{ date: '2026-11-20', value: true }],
    ],
    [
      'apixaban MedicationRequest',
      [
        {
          resourceType: 'MedicationRequest',
          status: 'active',
          intent: 'order',
          subject,
          authoredOn: '2025-01-01',
          medicationCodeableConcept: cc(RXNORM, '1364430'),
        } as FhirResource,
      ],
      (r) => r.risks.map((x) => x.kind),
      ['anticoagulant'],
    ],
    [
      'stopped warfarin is ignored',
      [
        {
          resourceType: 'MedicationRequest',
          status: 'stopped',
          intent: 'order',
          subject,
          authoredOn: '2025-01-01',
          medicationCodeableConcept: cc(RXNORM, '11289'),
        } as FhirResource,
      ],
      (r) => r.risks,
      [],
    ],
    ['Z79.01 long-term anticoagulant', [cond([ICD, 'Z79.01'])], (r) => r.risks.map((x) => x.kind), ['anticoagulant']],
    [
      'tamoxifen',
      [
        {
          resourceType: 'MedicationStatement',
          status: 'active',
          subject,
          effectiveDateTime: '2025-01-01',
          medicationCodeableConcept: cc(RXNORM, '10324'),
        } as FhirResource,
      ],
      (r) => r.risks.map((x) => x.kind),
      ['tamoxifen'],
    ],
    [
      'estradiol is systemic HRT',
      [
        {
          resourceType: 'MedicationRequest',
          status: 'active',
          intent: 'order',
          subject,
          authoredOn: '2025-01-01',
          medicationCodeableConcept: cc(RXNORM, '4083'),
        } as FhirResource,
      ],
      (r) => r.risks.map((x) => x.kind),
      ['hrt'],
    ],
    [
      'contraceptive estradiol product is not HRT',
      [
        {
          resourceType: 'MedicationRequest',
          status: 'active',
          intent: 'order',
          subject,
          authoredOn: '2025-01-01',
          medicationCodeableConcept: {
            coding: [
              { system: RXNORM, code: '4083' },
              { system: RXNORM, code: '978944' },
            ],
          },
        } as FhirResource,
      ],
      (r) => r.risks,
      [],
    ],
    ['HIV B20', [cond([ICD, 'B20'])], (r) => r.risks.map((x) => x.kind), ['hiv']],
    [
      'tacrolimus',
      [
        {
          resourceType: 'MedicationRequest',
          status: 'active',
          intent: 'order',
          subject,
          authoredOn: '2025-01-01',
          medicationCodeableConcept: cc(RXNORM, '42316'),
        } as FhirResource,
      ],
      (r) => r.risks.map((x) => x.kind),
      ['immunosuppressant'],
    ],
    [
      'cervical lesion as Observation code',
      [obs([SNOMED, '289794001'], { valueBoolean: true })],
      (r) => r.findings,
      [{ date: '2026-11-20', kind: 'cervical-lesion' }],
    ],
    ['polyp as Condition', [cond([SNOMED, '65576009'])], (r) => r.findings.map((f) => f.kind), ['cervical-polyp']],
    [
      'pelvic mass project code',
      [obs([PCB, 'pelvic-mass'], { valueBoolean: true })],
      (r) => r.findings.map((f) => f.kind),
      ['pelvic-mass'],
    ],
    ['fever Condition', [cond([SNOMED, '386661006'])], (r) => r.symptoms.map((s) => s.kind), ['fever']],
    [
      'heavy bleeding project code',
      [obs([PCB, 'heavy-bleeding'], { valueBoolean: true })],
      (r) => r.symptoms.map((s) => s.kind),
      ['heavy-bleeding'],
    ],
    [
      'systolic BP inside a panel',
      [obs([LOINC, '85354-9'], { component: [{ code: cc(LOINC, '8480-6'), valueQuantity: { value: 85, unit: 'mm[Hg]' } }] })],
      (r) => r.vitals,
      [{ date: '2026-11-20', kind: 'systolic', value: 85, at: '2026-11-20T09:00:00Z' }],
    ],
    [
      'temperature in Fahrenheit',
      [obs([LOINC, '8310-5'], { valueQuantity: { value: 100.4, code: '[degF]' } })],
      (r) => r.vitals,
      [{ date: '2026-11-20', kind: 'temperature', value: 38, at: '2026-11-20T09:00:00Z' }],
    ],
    [
      'RhD negative',
      [obs([LOINC, '10331-7'], { valueCodeableConcept: cc(SNOMED, '165746003') })],
      (r) => r.rhD,
      [{ date: '2026-11-20', value: 'negative' }],
    ],
    [
      'endometrial thickness mm',
      [obs([PCB, 'endometrial-thickness'], { valueQuantity: { value: 7, code: 'mm' } })],
      (r) => r.endometrialThicknessMm,
      [{ date: '2026-11-20', value: 7 }],
    ],
    [
      'QuestionnaireResponse answer counts like the Observation',
      [
        {
          resourceType: 'QuestionnaireResponse',
          status: 'completed',
          subject,
          authored: '2026-11-18T08:00:00Z',
          item: [
            { linkId: 'new-sexual-partner', answer: [{ valueBoolean: true }] },
            { linkId: 'intermenstrual-bleeding', answer: [{ valueBoolean: true }] },
          ],
        } as FhirResource,
      ],
      (r) => [r.newSexualPartner, r.symptoms],
      [[{ date: '2026-11-18', value: true }], [{ date: '2026-11-18', kind: 'intermenstrual-bleeding', at: '2026-11-18T08:00:00Z' }]],
    ],
    [
      'active ServiceRequest for CT/NG',
      [
        {
          resourceType: 'ServiceRequest',
          status: 'active',
          intent: 'order',
          subject,
          code: cc(LOINC, '80362-7'),
          authoredOn: '2026-11-21',
        } as FhirResource,
      ],
      (r) => r.activeOrders,
      [{ date: '2026-11-21', kind: 'ct-ng-naat' }],
    ],
    [
      'active Pap ordered by a cytology test code (not the 4.9 code)',
      [
        {
          resourceType: 'ServiceRequest',
          status: 'active',
          intent: 'order',
          subject,
          code: cc(LOINC, '10524-7'),
          authoredOn: '2026-11-21',
        } as FhirResource,
      ],
      (r) => r.activeOrders,
      [{ date: '2026-11-21', kind: 'cervical-cytology' }],
    ],
    [
      'a chlamydia-only NAAT order is not the CT+NG order',
      [
        {
          resourceType: 'ServiceRequest',
          status: 'active',
          intent: 'order',
          subject,
          code: cc(LOINC, '53926-2'),
          authoredOn: '2026-11-21',
        } as FhirResource,
      ],
      (r) => r.activeOrders,
      [],
    ],
    [
      'entered-in-error Observation is ignored',
      [{ ...obs([LOINC, '19762-4'], { valueCodeableConcept: cc(SNOMED, '416033009') }), status: 'entered-in-error' } as FhirResource],
      (r) => r.cytology,
      [],
    ],
    [
      'codes match on system AND code',
      [obs(['http://example.org/other', '19762-4'], { valueCodeableConcept: cc(SNOMED, '416033009') })],
      (r) => r.cytology,
      [],
    ],
    [
      "another patient's resource is ignored",
      [
        {
          ...obs([LOINC, '19762-4'], { valueCodeableConcept: cc(SNOMED, '416033009') }),
          subject: { reference: 'Patient/other' },
        } as FhirResource,
      ],
      (r) => r.cytology,
      [],
    ],
  ])('%s', (_name, resources, pick, expected) => {
    expect(pick(read(...resources))).toEqual(expected);
  });

  it('treats null prefetch values and OperationOutcomes as no data, and dedupes across keys', () => {
    const c = cond([ICD, 'N93.0']) as FhirResource & { id: string };
    c.id = 'c1';
    const record = toPatientRecord(
      {
        a: null,
        b: { resourceType: 'OperationOutcome', issue: [] },
        c,
        d: { resourceType: 'Bundle', type: 'searchset', entry: [{ resource: c }] },
      },
      'p1',
      TODAY,
      defaultTerminology,
    );
    expect(record.pcb).toHaveLength(1);
  });
});
