import type { Bundle, FhirResource } from 'fhir/r4';
import { PatientBundleBuilder } from './patient-bundle-builder';
import type { VignetteId } from './published-vignettes';

/**
 * Demo patients for the sandbox and for clinicians trying the service: one per pathway of the
 * guideline, each a small, realistic record. They exercise the alternative encodings of
 * fact-encoding.md (Encounter reason, PCB Observation, QuestionnaireResponse, DiagnosticReport,
 * SNOMED pregnancy values, Z33.1, MedicationStatement, BP panel, ...). The acceptance expectations
 * live in the published vignettes; `relatedVignette` names the closest one.
 */

export type DemoPathway =
  | 'under-21'
  | 'overdue-screening'
  | 'persistent-pcb'
  | 'pregnant-first-trimester'
  | 'pregnant-third-trimester'
  | 'pregnant-emergency'
  | 'postmenopausal'
  | 'total-hysterectomy'
  | 'non-pregnant-emergency'
  | 'control-no-pcb'
  | 'control-male'
  | 'control-old-pcb'
  | 'abnormal-screen-unmanaged'
  | 'hiv-screening'
  | 'tamoxifen-premenopausal'
  | 'cin2-history'
  | 'benign-cervical-finding'
  | 'menopause-unknown'
  | 'subtotal-hysterectomy'
  | 'anticoagulated'
  | 'recent-pregnancy-end'
  | 'transgender-man'
  | 'missing-screening'
  | 'ambiguous-hysterectomy'
  | 'suspicious-lesion'
  | 'postmenopausal-hrt'
  | 'tamoxifen-postmenopausal'
  | 'screened-out-over-65'
  | 'infection-red-flags'
  | 'possible-malignancy';

export interface DemoPatient {
  /** Patient id, `pcb-demo-…`. */
  readonly id: string;
  /** Display name of the synthetic patient. */
  readonly name: string;
  /** One line for a clinician choosing a patient in the sandbox. */
  readonly story: string;
  readonly pathway: DemoPathway;
  /** The published vignette (pcb-guideline.md §5) closest to this record, if any. */
  readonly relatedVignette?: VignetteId;
  readonly bundle: (today?: Date) => Bundle<FhirResource>;
}

interface DemoSpec {
  readonly id: string;
  readonly given: string;
  readonly family: string;
  readonly age: number;
  readonly sex: 'female' | 'male' | 'trans-man';
  readonly story: string;
  readonly pathway: DemoPathway;
  readonly relatedVignette?: VignetteId;
  readonly facts: (b: PatientBundleBuilder) => PatientBundleBuilder;
}

const SPECS: readonly DemoSpec[] = [
  {
    id: 'pcb-demo-under-21',
    given: 'Maya',
    family: 'Demo',
    age: 19,
    sex: 'female',
    pathway: 'under-21',
    relatedVignette: 'V04',
    story:
      '19-year-old, first bleeding after sex 10 days ago: no Pap under 21, but a speculum exam, CT/NG NAAT and a pregnancy test are still due.',
    facts: (b) =>
      b.pcbCondition({ daysAgo: 10 }).pcbEncounter().lmp({ weeksAgo: 3 }),
  },
  {
    id: 'pcb-demo-overdue-pap',
    given: 'Dana',
    family: 'Demo',
    age: 45,
    sex: 'female',
    pathway: 'overdue-screening',
    relatedVignette: 'V07',
    story:
      '45-year-old, premenopausal, PCB for 3 weeks; last Pap (NILM) 4 years ago, so screening is overdue: cytology with HPV cotest now.',
    facts: (b) =>
      b
        .menopause('pre', { code: '309606002' })
        .pcbCondition({ weeksAgo: 3 })
        .pcbEncounter()
        .cytology('NILM', { yearsAgo: 4, code: '47528-5', report: true })
        .naat('ct-ng', 'negative', { monthsAgo: 1, combined: true })
        .hcg('negative', { daysAgo: 2 }),
  },
  {
    id: 'pcb-demo-persistent-pcb',
    given: 'Priya',
    family: 'Demo',
    age: 30,
    sex: 'female',
    pathway: 'persistent-pcb',
    relatedVignette: 'V08',
    story:
      '30-year-old, PCB persisting 7 weeks although cotest, CT/NG NAAT and hCG are all negative: refer for colposcopy.',
    facts: (b) =>
      b
        .pcbEncounter({ weeksAgo: 7 })
        .pcbCondition({ weeksAgo: 7 })
        .pcbObservation({ weeksAgo: 3 })
        .cotest('NILM', 'negative', { yearsAgo: 1 })
        .naat('ct-ng', 'negative', { monthsAgo: 1 })
        .hcg('negative', { daysAgo: 2 })
        .pcbEncounter(),
  },
  {
    id: 'pcb-demo-pregnant-8w',
    given: 'Sofia',
    family: 'Demo',
    age: 29,
    sex: 'female',
    pathway: 'pregnant-first-trimester',
    relatedVignette: 'V17',
    story:
      '29-year-old, 8 weeks pregnant (intrauterine), light spotting after sex, no pain, RhD positive: same/next-day prenatal assessment.',
    facts: (b) =>
      b
        .pcbCondition({ daysAgo: 3 })
        .pregnancyStatus('pregnant')
        .gestationalAge({ weeks: 8 })
        .edd({ inDays: 32 * 7 })
        .quantitativeHcg(52000, { weeksAgo: 1 })
        .rhD('positive', { monthsAgo: 1 })
        .cytology('NILM', { yearsAgo: 1 })
        .naat('ct-ng', 'negative', { monthsAgo: 1 }),
  },
  {
    id: 'pcb-demo-pregnant-30w',
    given: 'Grace',
    family: 'Demo',
    age: 31,
    sex: 'female',
    pathway: 'pregnant-third-trimester',
    relatedVignette: 'V21',
    story:
      '31-year-old at 30 weeks, RhD negative, bleeding after sex: same-day obstetric triage, no digital exam until the placenta is located; anti-D.',
    facts: (b) =>
      b
        .pregnancyStatus('pregnant', {
          weeksAgo: 20,
          question: '11449-6',
          system: 'snomed',
        })
        .rhD('negative', { weeksAgo: 20 })
        .cytology('NILM', { yearsAgo: 1 })
        .naat('ct-ng', 'negative', { weeksAgo: 2 })
        .gestationalAge({ weeks: 30, code: '11884-4' })
        .edd({ inDays: 10 * 7 })
        .pcbCondition({ daysAgo: 2 }),
  },
  {
    id: 'pcb-demo-pregnant-8w-emergency',
    given: 'Leah',
    family: 'Demo',
    age: 27,
    sex: 'female',
    pathway: 'pregnant-emergency',
    relatedVignette: 'V19',
    story:
      '27-year-old, 8 weeks pregnant, heavy bleeding with clots and cramping pelvic pain after sex, pulse 118, RhD unknown: emergency, exclude ectopic pregnancy and miscarriage.',
    facts: (b) =>
      b
        .pregnantCondition({ weeksAgo: 4 })
        .gestationalAge({ weeks: 8 })
        .hcg('positive', { specimen: 'serum' })
        .pcbCondition({ daysAgo: 1 })
        .heavyBleeding()
        .finding('pelvic-pain', { as: 'condition' })
        .vitals({ systolic: 102, heartRate: 118 })
        .cytology('NILM', { yearsAgo: 1 })
        .naat('ct-ng', 'negative', { monthsAgo: 1 }),
  },
  {
    id: 'pcb-demo-postmenopausal',
    given: 'Margaret',
    family: 'Demo',
    age: 58,
    sex: 'female',
    pathway: 'postmenopausal',
    relatedVignette: 'V25',
    story:
      '58-year-old, postmenopausal for 4 years, no HRT, bleeding after sex: manage as postmenopausal bleeding (TVUS or endometrial biopsy).',
    facts: (b) =>
      b
        .menopause('post', { code: '307429007' })
        .lmp({ yearsAgo: 4 })
        .pcbCondition({ weeksAgo: 2 })
        .cotest('NILM', 'negative', { yearsAgo: 3 }),
  },
  {
    id: 'pcb-demo-post-hysterectomy',
    given: 'Helen',
    family: 'Demo',
    age: 52,
    sex: 'female',
    pathway: 'total-hysterectomy',
    relatedVignette: 'V35',
    story:
      '52-year-old, total abdominal hysterectomy for fibroids 10 years ago, now bleeding after sex: examine the vaginal vault; no cervical screening.',
    facts: (b) =>
      b
        .hysterectomy('116143008', { yearsAgo: 10 })
        .hysterectomy('Z90.710', { yearsAgo: 10 })
        .pcbCondition({ weeksAgo: 1 }),
  },
  {
    id: 'pcb-demo-heavy-bleeding-hypotensive',
    given: 'Jordan',
    family: 'Demo',
    age: 30,
    sex: 'female',
    pathway: 'non-pregnant-emergency',
    relatedVignette: 'V47',
    story:
      '30-year-old, urine hCG negative, heavy bleeding after sex with systolic BP 85 and pulse 118: emergency same-day assessment.',
    facts: (b) =>
      b
        .pcbCondition()
        .heavyBleeding()
        .vitals({ systolic: 85, heartRate: 118, temperatureC: 37.1 })
        .hcg('negative')
        .cytology('NILM', { yearsAgo: 1 }),
  },
  {
    id: 'pcb-demo-control-no-pcb',
    given: 'Emma',
    family: 'Demo',
    age: 27,
    sex: 'female',
    pathway: 'control-no-pcb',
    relatedVignette: 'V15',
    story:
      '27-year-old at a contraception visit, no bleeding after sex on record. Control: the service must return no cards.',
    facts: (b) =>
      b
        .encounter({ reason: 'contraception' })
        .cytology('NILM', { yearsAgo: 1 })
        .lmp({ weeksAgo: 2 }),
  },
  {
    id: 'pcb-demo-control-male',
    given: 'Daniel',
    family: 'Demo',
    age: 40,
    sex: 'male',
    pathway: 'control-male',
    relatedVignette: 'V14',
    story:
      '40-year-old man with N93.0 coded in error. Control: no evidence of a female genital tract, so no cards.',
    facts: (b) => b.pcbCondition({ weeksAgo: 1 }),
  },
  {
    id: 'pcb-demo-control-old-pcb',
    given: 'Olivia',
    family: 'Demo',
    age: 34,
    sex: 'female',
    pathway: 'control-old-pcb',
    relatedVignette: 'V50',
    story:
      '34-year-old whose only PCB record is 8 months old. Control: outside the 90-day lookback, so no cards.',
    facts: (b) =>
      b
        .pcbEncounter({ monthsAgo: 8 })
        .pcbCondition({ monthsAgo: 8 })
        .cytology('NILM', { yearsAgo: 1 }),
  },
  {
    id: 'pcb-demo-hsil-awaiting-colposcopy',
    given: 'Chloe',
    family: 'Demo',
    age: 29,
    sex: 'female',
    pathway: 'abnormal-screen-unmanaged',
    relatedVignette: 'V11',
    story:
      '29-year-old with HSIL cytology 3 months ago and no colposcopy since, now bleeding after sex: urgent colposcopy.',
    facts: (b) =>
      b
        .cytology('HSIL', { monthsAgo: 3 })
        .abnormalCervicalDiagnosis('R87.613', { monthsAgo: 3 })
        .pcbCondition({ weeksAgo: 2 }),
  },
  {
    id: 'pcb-demo-hiv-annual-cytology',
    given: 'Amara',
    family: 'Demo',
    age: 34,
    sex: 'female',
    pathway: 'hiv-screening',
    relatedVignette: 'V39',
    story:
      '34-year-old living with HIV, last Pap 2 years ago although annual cytology is required: cytology now, STI testing, HIV screening schedule.',
    facts: (b) =>
      b
        .condition('icd10cm', 'B20', { yearsAgo: 6 })
        .cytology('NILM', { yearsAgo: 2 })
        .pcbCondition({ weeksAgo: 1 }),
  },
  {
    id: 'pcb-demo-tamoxifen-premenopausal',
    given: 'Rachel',
    family: 'Demo',
    age: 42,
    sex: 'female',
    pathway: 'tamoxifen-premenopausal',
    relatedVignette: 'V28',
    story:
      '42-year-old, premenopausal, on tamoxifen after breast cancer: no extra endometrial risk before menopause, standard PCB work-up.',
    facts: (b) =>
      b
        .menopause('pre')
        .medication('tamoxifen', '10324', { yearsAgo: 1 })
        .condition('icd10cm', 'Z79.810', { yearsAgo: 1 })
        .cotest('NILM', 'negative', { yearsAgo: 1 })
        .naat('ct-ng', 'negative', { monthsAgo: 2 })
        .hcg('negative')
        .pcbCondition({ weeksAgo: 1 }),
  },
  {
    id: 'pcb-demo-cin2-history',
    given: 'Nina',
    family: 'Demo',
    age: 38,
    sex: 'female',
    pathway: 'cin2-history',
    relatedVignette: 'V42',
    story:
      '38-year-old, CIN2 treated by LEEP 3 years ago, HPV-negative surveillance 11 months ago, now bleeding after sex: higher risk, refer for colposcopy.',
    facts: (b) =>
      b
        .colposcopy({ yearsAgo: 3, ecc: true })
        .cervicalHistory('285838002', {
          yearsAgo: 3,
          clinicalStatus: 'resolved',
        })
        .cervicalHistory('Z87.410', { yearsAgo: 3 })
        .hpv('negative', { monthsAgo: 11 })
        .pcbCondition({ weeksAgo: 1 }),
  },
  {
    id: 'pcb-demo-cervical-polyp',
    given: 'Isabel',
    family: 'Demo',
    age: 41,
    sex: 'female',
    pathway: 'benign-cervical-finding',
    relatedVignette: 'V59',
    story:
      '41-year-old with a benign-looking cervical polyp on speculum exam: remove it and send it for histology.',
    facts: (b) =>
      b
        .menopause('pre')
        .pcbCondition({ weeksAgo: 2 })
        .finding('cervical-polyp')
        .cotest('NILM', 'negative', { yearsAgo: 1 })
        .naat('ct-ng', 'negative', { monthsAgo: 1 })
        .hcg('negative'),
  },
  {
    id: 'pcb-demo-menopause-unknown-imb',
    given: 'Karen',
    family: 'Demo',
    age: 48,
    sex: 'female',
    pathway: 'menopause-unknown',
    relatedVignette: 'V31',
    story:
      '48-year-old, menopausal status never recorded, bleeding between periods as well as after sex: record LMP and menopausal status; consider endometrial sampling.',
    facts: (b) =>
      b
        .pcbCondition({ weeksAgo: 1 })
        .intermenstrualBleeding({ via: 'questionnaire' })
        .cytology('NILM', { yearsAgo: 2 }),
  },
  {
    id: 'pcb-demo-subtotal-hysterectomy',
    given: 'Teresa',
    family: 'Demo',
    age: 47,
    sex: 'female',
    pathway: 'subtotal-hysterectomy',
    story:
      '47-year-old after a supracervical (subtotal) hysterectomy 5 years ago: the cervix remains, so cervical rules apply but no hCG or endometrial work-up.',
    facts: (b) =>
      b
        .hysterectomy('387644004', { yearsAgo: 5 })
        .cytology('NILM', { yearsAgo: 2 })
        .pcbCondition({ weeksAgo: 1 }),
  },
  {
    id: 'pcb-demo-anticoagulated',
    given: 'Beatrice',
    family: 'Demo',
    age: 50,
    sex: 'female',
    pathway: 'anticoagulated',
    relatedVignette: 'V43',
    story:
      '50-year-old on apixaban for atrial fibrillation: anticoagulation does not explain bleeding after sex; complete the structural evaluation.',
    facts: (b) =>
      b
        .lmp({ weeksAgo: 2 })
        .medication('anticoagulant', '1364445', {
          monthsAgo: 6,
          resource: 'MedicationStatement',
        })
        .condition('icd10cm', 'Z79.01', { monthsAgo: 6 })
        .cotest('NILM', 'negative', { yearsAgo: 2 })
        .pcbCondition({ weeksAgo: 1 }),
  },
  {
    id: 'pcb-demo-recent-delivery',
    given: 'Fatima',
    family: 'Demo',
    age: 30,
    sex: 'female',
    pathway: 'recent-pregnancy-end',
    story:
      '30-year-old who gave birth 4 weeks ago while the record still shows "pregnant": treat as not pregnant, confirm status, involve the obstetric provider.',
    facts: (b) =>
      b
        .pregnancyStatus('pregnant', { weeksAgo: 30 })
        .gestationalAge({ weeks: 10, weeksAgo: 30 })
        .pregnancyEnded('delivery-procedure', { weeksAgo: 4 })
        .pregnancyEnded('delivery-outcome', { weeksAgo: 4 })
        .cytology('NILM', { yearsAgo: 1 })
        .pcbCondition({ weeksAgo: 1 }),
  },
  {
    id: 'pcb-demo-trans-man',
    given: 'Sam',
    family: 'Demo',
    age: 32,
    sex: 'trans-man',
    pathway: 'transgender-man',
    story:
      '32-year-old trans man (female sex at birth, cervix present) with bleeding after sex: the gate stays open; evaluate as for anyone with a cervix.',
    facts: (b) =>
      b
        .genderIdentity('transgender-male', { yearsAgo: 2 })
        .cytology('NILM', { yearsAgo: 2 })
        .pcbCondition({ weeksAgo: 1 }),
  },
  {
    id: 'pcb-demo-no-screening-record',
    given: 'Rosa',
    family: 'Demo',
    age: 35,
    sex: 'female',
    pathway: 'missing-screening',
    relatedVignette: 'V06',
    story:
      '35-year-old with PCB for a week and no cervical cytology or HPV result anywhere in the record: ask for outside records, take cytology with HPV now.',
    facts: (b) => b.pcbCondition({ weeksAgo: 1 }),
  },
  {
    id: 'pcb-demo-ambiguous-hysterectomy',
    given: 'Helen',
    family: 'Demo',
    age: 44,
    sex: 'female',
    pathway: 'ambiguous-hysterectomy',
    story:
      '44-year-old whose record says only "Hysterectomy" (5 years ago): confirm whether the cervix was removed; meanwhile the cervix counts as present.',
    facts: (b) =>
      b
        .hysterectomy('236886002', { yearsAgo: 5 })
        .cytology('NILM', { yearsAgo: 1 })
        .naat('ct-ng', 'negative', { monthsAgo: 1 })
        .pcbCondition({ weeksAgo: 1 }),
  },
  {
    id: 'pcb-demo-cervical-lesion',
    given: 'Ines',
    family: 'Demo',
    age: 36,
    sex: 'female',
    pathway: 'suspicious-lesion',
    story:
      '36-year-old with a suspicious cervical lesion on speculum exam today, despite a negative cotest last year: urgent colposcopy with biopsy.',
    facts: (b) =>
      b
        .finding('cervical-lesion')
        .cotest('NILM', 'negative', { yearsAgo: 1 })
        .naat('ct-ng', 'negative', { monthsAgo: 1 })
        .hcg('negative', { daysAgo: 1 })
        .pcbCondition({ weeksAgo: 2 }),
  },
  {
    id: 'pcb-demo-postmenopausal-hrt',
    given: 'Joan',
    family: 'Demo',
    age: 62,
    sex: 'female',
    pathway: 'postmenopausal-hrt',
    relatedVignette: 'V26',
    story:
      '62-year-old on continuous combined HRT for 2 years, endometrial thickness 7 mm last week: HRT does not explain the bleeding; endometrial sampling.',
    facts: (b) =>
      b
        .menopause('post', { code: '76498008' })
        .medication('hrt', '1359126', { yearsAgo: 2 })
        .endometrialThickness(7, { weeksAgo: 1 })
        .cotest('NILM', 'negative', { yearsAgo: 2 })
        .pcbCondition({ weeksAgo: 3 }),
  },
  {
    id: 'pcb-demo-tamoxifen-postmenopausal',
    given: 'Ruth',
    family: 'Demo',
    age: 60,
    sex: 'female',
    pathway: 'tamoxifen-postmenopausal',
    story:
      '60-year-old, postmenopausal, on tamoxifen after breast cancer: any bleeding must be investigated by endometrial sampling; inform oncology.',
    facts: (b) =>
      b
        .menopause('post', { code: '307429007' })
        .medication('tamoxifen', '10324', { yearsAgo: 2 })
        .cotest('NILM', 'negative', { yearsAgo: 2 })
        .naat('ct-ng', 'negative', { monthsAgo: 1 })
        .pcbCondition({ weeksAgo: 1 }),
  },
  {
    id: 'pcb-demo-screened-out-70',
    given: 'Edith',
    family: 'Demo',
    age: 70,
    sex: 'female',
    pathway: 'screened-out-over-65',
    story:
      '70-year-old who left screening at 65 with three normal Paps: the exit applies only without symptoms; examine, and treat as postmenopausal bleeding.',
    facts: (b) =>
      b
        .menopause('post', { code: '76498008' })
        .cytology('NILM', { yearsAgo: 5 })
        .cytology('NILM', { yearsAgo: 7 })
        .cytology('NILM', { yearsAgo: 9 })
        .naat('ct-ng', 'negative', { monthsAgo: 1 })
        .pcbCondition({ weeksAgo: 1 }),
  },
  {
    id: 'pcb-demo-fever-pain-discharge',
    given: 'Chloe',
    family: 'Demo',
    age: 26,
    sex: 'female',
    pathway: 'infection-red-flags',
    relatedVignette: 'V45',
    story:
      '26-year-old with fever, pelvic pain and new discharge since a new partner: same-day evaluation for cervicitis/PID, CT/NG/TV NAAT.',
    facts: (b) =>
      b
        .finding('fever', { as: 'condition' })
        .finding('pelvic-pain', { as: 'condition' })
        .finding('vaginal-discharge', { as: 'condition' })
        .newSexualPartner({ weeksAgo: 4 })
        .cytology('NILM', { yearsAgo: 1 })
        .pcbCondition({ weeksAgo: 1 }),
  },
  {
    id: 'pcb-demo-weight-loss-mass',
    given: 'Olga',
    family: 'Demo',
    age: 47,
    sex: 'female',
    pathway: 'possible-malignancy',
    relatedVignette: 'V46',
    story:
      '47-year-old with unexplained weight loss and a palpable pelvic mass: urgent gynaecology/gynaecologic-oncology assessment.',
    facts: (b) =>
      b
        .lmp({ weeksAgo: 3 })
        .finding('weight-loss', { as: 'condition' })
        .finding('pelvic-mass')
        .cotest('NILM', 'negative', { yearsAgo: 1 })
        .naat('ct-ng', 'negative', { monthsAgo: 1 })
        .hcg('negative', { daysAgo: 1 })
        .pcbCondition({ weeksAgo: 2 }),
  },
];

function startDemo(spec: DemoSpec, today: Date): PatientBundleBuilder {
  const b = new PatientBundleBuilder(spec.id, today)
    .name(spec.given, spec.family)
    .born({ yearsAgo: spec.age });
  switch (spec.sex) {
    case 'female':
      return b.gender('female').birthSex('F');
    case 'male':
      return b.gender('male').birthSex('M');
    case 'trans-man':
      return b.gender('male').birthSex('F');
  }
}

function toDemoPatient(spec: DemoSpec): DemoPatient {
  return {
    id: spec.id,
    name: `${spec.given} ${spec.family}`,
    story: spec.story,
    pathway: spec.pathway,
    ...(spec.relatedVignette === undefined
      ? {}
      : { relatedVignette: spec.relatedVignette }),
    bundle: (today: Date = new Date()) =>
      spec.facts(startDemo(spec, today)).build(),
  };
}

/** The demo patients, one per pathway. */
export const DEMO_PATIENTS: readonly DemoPatient[] = SPECS.map(toDemoPatient);
