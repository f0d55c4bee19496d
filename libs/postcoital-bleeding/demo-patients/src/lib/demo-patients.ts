import type { Bundle, FhirResource } from 'fhir/r4';
import { PatientBundleBuilder } from './patient-bundle-builder';
import type { CardIndicator, Jurisdiction, VignetteId } from './published-vignettes';

/**
 * Demo patients for the sandbox and for clinicians trying the service: one per pathway of the
 * guideline, each a small, realistic record. They exercise the alternative encodings of
 * fact-encoding.md (Encounter reason, PCB Observation, QuestionnaireResponse, DiagnosticReport,
 * SNOMED pregnancy values, Z33.1, MedicationStatement, BP panel, ...) and, since revision 2, the
 * encodings other systems write (a DiagnosticReport-coded HSIL with a linked, undated HPV result, a
 * cervical histology report, an undated hysterectomy, an immune-status Observation, the CCSM HPV
 * result codes). The acceptance expectations live in the published vignettes; `relatedVignette`
 * names the closest one. A patient whose pathway exists only in UK mode says so in `jurisdiction`
 * (and in its story): the service evaluates every request in the one jurisdiction it was started in
 * (PCB_JURISDICTION), so that patient shows its UK cards only on a UK server.
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
  | 'possible-malignancy'
  // Revision 2 pathways
  | 'antepartum-haemorrhage-shock'
  | 'instability-pregnancy-unknown'
  | 'heavy-bleeding-stable-anticoagulated'
  | 'placenta-praevia-before-20-weeks'
  | 'safeguarding-minor'
  | 'uk-hiv-annual-screening'
  | 'pregnant-gestation-unknown'
  | 'pregnancy-of-concern'
  // Revision 2 encodings other systems write
  | 'hsil-diagnostic-report'
  | 'cervical-histology-report'
  | 'undated-hysterectomy'
  | 'immune-status-observation';

export interface DemoPatient {
  /** Patient id, `pcb-demo-…`. */
  readonly id: string;
  /** Display name of the synthetic patient. */
  readonly name: string;
  /** One line for a clinician choosing a patient in the sandbox. */
  readonly story: string;
  readonly pathway: DemoPathway;
  /** The jurisdiction the story is told in (the service's PCB_JURISDICTION); US unless stated. */
  readonly jurisdiction: Jurisdiction;
  /**
   * The card-emitting rules pcb-guideline.md §2 (revision 2) fires for this record in its
   * jurisdiction, worked out by hand from the rule rows, sorted (empty = no cards).
   */
  readonly expectedRules: readonly string[];
  /** The most urgent card indicator those rules give ('none' = no cards). */
  readonly highestIndicator: CardIndicator;
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
  readonly expectedRules: readonly string[];
  readonly highestIndicator: CardIndicator;
  readonly jurisdiction?: Jurisdiction;
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
    expectedRules: ['PCB-10', 'PCB-12', 'PCB-13', 'PCB-14'],
    highestIndicator: 'info',
    relatedVignette: 'V04',
    story:
      '19-year-old, first bleeding after sex 10 days ago: no Pap under 21, but a speculum exam, CT/NG NAAT and a pregnancy test are still due.',
    facts: (b) => b.pcbCondition({ daysAgo: 10 }).pcbEncounter().lmp({ weeksAgo: 3 }),
  },
  {
    id: 'pcb-demo-overdue-pap',
    given: 'Dana',
    family: 'Demo',
    age: 45,
    sex: 'female',
    pathway: 'overdue-screening',
    expectedRules: ['PCB-10', 'PCB-11'],
    highestIndicator: 'info',
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
    expectedRules: ['PCB-10', 'PCB-15'],
    highestIndicator: 'warning',
    relatedVignette: 'V08',
    story: '30-year-old, PCB persisting 7 weeks although cotest, CT/NG NAAT and hCG are all negative: refer for colposcopy.',
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
    expectedRules: ['PCB-10', 'PCB-30'],
    highestIndicator: 'warning',
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
    expectedRules: ['PCB-32', 'PCB-33'],
    highestIndicator: 'critical',
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
    expectedRules: ['PCB-10', 'PCB-31', 'PCB-33'],
    highestIndicator: 'critical',
    relatedVignette: 'V19',
    story:
      '27-year-old, 8 weeks pregnant, heavy bleeding with clots and cramping pelvic pain after sex, pulse 118: unstable, so an ambulance now; exclude ectopic pregnancy and miscarriage.',
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
    expectedRules: ['PCB-10', 'PCB-20'],
    highestIndicator: 'warning',
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
    expectedRules: ['PCB-10', 'PCB-13', 'PCB-40'],
    highestIndicator: 'info',
    relatedVignette: 'V35',
    story:
      '52-year-old, total abdominal hysterectomy for fibroids 10 years ago, now bleeding after sex: examine the vaginal vault; no cervical screening.',
    facts: (b) => b.hysterectomy('116143008', { yearsAgo: 10 }).hysterectomy('Z90.710', { yearsAgo: 10 }).pcbCondition({ weeksAgo: 1 }),
  },
  {
    id: 'pcb-demo-heavy-bleeding-hypotensive',
    given: 'Jordan',
    family: 'Demo',
    age: 30,
    sex: 'female',
    pathway: 'non-pregnant-emergency',
    expectedRules: ['PCB-10', 'PCB-13', 'PCB-54'],
    highestIndicator: 'critical',
    relatedVignette: 'V47',
    story:
      '30-year-old, urine hCG negative today, heavy bleeding after sex with systolic BP 85 and pulse 118: unstable, so an ambulance to the emergency department now, never private transport.',
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
    expectedRules: [],
    highestIndicator: 'none',
    relatedVignette: 'V15',
    story: '27-year-old at a contraception visit, no bleeding after sex on record. Control: the service must return no cards.',
    facts: (b) => b.encounter({ reason: 'contraception' }).cytology('NILM', { yearsAgo: 1 }).lmp({ weeksAgo: 2 }),
  },
  {
    id: 'pcb-demo-control-male',
    given: 'Daniel',
    family: 'Demo',
    age: 40,
    sex: 'male',
    pathway: 'control-male',
    expectedRules: [],
    highestIndicator: 'none',
    relatedVignette: 'V14',
    story: '40-year-old man with N93.0 coded in error. Control: no evidence of a female genital tract, so no cards.',
    facts: (b) => b.pcbCondition({ weeksAgo: 1 }),
  },
  {
    id: 'pcb-demo-control-old-pcb',
    given: 'Olivia',
    family: 'Demo',
    age: 34,
    sex: 'female',
    pathway: 'control-old-pcb',
    expectedRules: [],
    highestIndicator: 'none',
    relatedVignette: 'V50',
    story: '34-year-old whose only PCB record is 8 months old. Control: outside the 90-day lookback, so no cards.',
    facts: (b) => b.pcbEncounter({ monthsAgo: 8 }).pcbCondition({ monthsAgo: 8 }).cytology('NILM', { yearsAgo: 1 }),
  },
  {
    id: 'pcb-demo-hsil-awaiting-colposcopy',
    given: 'Chloe',
    family: 'Demo',
    age: 29,
    sex: 'female',
    pathway: 'abnormal-screen-unmanaged',
    expectedRules: ['PCB-10', 'PCB-13', 'PCB-14', 'PCB-16'],
    highestIndicator: 'warning',
    relatedVignette: 'V11',
    story: '29-year-old with HSIL cytology 3 months ago and no colposcopy since, now bleeding after sex: urgent colposcopy.',
    facts: (b) => b.cytology('HSIL', { monthsAgo: 3 }).abnormalCervicalDiagnosis('R87.613', { monthsAgo: 3 }).pcbCondition({ weeksAgo: 2 }),
  },
  {
    id: 'pcb-demo-hiv-annual-cytology',
    given: 'Amara',
    family: 'Demo',
    age: 34,
    sex: 'female',
    pathway: 'hiv-screening',
    expectedRules: ['PCB-10', 'PCB-11', 'PCB-13', 'PCB-14', 'PCB-43'],
    highestIndicator: 'info',
    relatedVignette: 'V39',
    story:
      '34-year-old living with HIV, last Pap 2 years ago although annual cytology is required: cytology now, STI testing, HIV screening schedule.',
    facts: (b) => b.condition('icd10cm', 'B20', { yearsAgo: 6 }).cytology('NILM', { yearsAgo: 2 }).pcbCondition({ weeksAgo: 1 }),
  },
  {
    id: 'pcb-demo-tamoxifen-premenopausal',
    given: 'Rachel',
    family: 'Demo',
    age: 42,
    sex: 'female',
    pathway: 'tamoxifen-premenopausal',
    expectedRules: ['PCB-10', 'PCB-24'],
    highestIndicator: 'info',
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
    expectedRules: ['PCB-10', 'PCB-13', 'PCB-14', 'PCB-44'],
    highestIndicator: 'warning',
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
    expectedRules: ['PCB-10', 'PCB-18'],
    highestIndicator: 'info',
    relatedVignette: 'V59',
    story: '41-year-old with a benign-looking cervical polyp on speculum exam: remove it and send it for histology.',
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
    expectedRules: ['PCB-02', 'PCB-10', 'PCB-13', 'PCB-14', 'PCB-25'],
    highestIndicator: 'warning',
    relatedVignette: 'V31',
    story:
      '48-year-old, menopausal status never recorded, bleeding between periods as well as after sex: record LMP and menopausal status; consider endometrial sampling.',
    facts: (b) => b.pcbCondition({ weeksAgo: 1 }).intermenstrualBleeding({ via: 'questionnaire' }).cytology('NILM', { yearsAgo: 2 }),
  },
  {
    id: 'pcb-demo-subtotal-hysterectomy',
    given: 'Teresa',
    family: 'Demo',
    age: 47,
    sex: 'female',
    pathway: 'subtotal-hysterectomy',
    expectedRules: ['PCB-10', 'PCB-13', 'PCB-41'],
    highestIndicator: 'info',
    story:
      '47-year-old after a supracervical (subtotal) hysterectomy 5 years ago: the cervix remains, so cervical rules apply but no hCG or endometrial work-up.',
    facts: (b) => b.hysterectomy('387644004', { yearsAgo: 5 }).cytology('NILM', { yearsAgo: 2 }).pcbCondition({ weeksAgo: 1 }),
  },
  {
    id: 'pcb-demo-anticoagulated',
    given: 'Beatrice',
    family: 'Demo',
    age: 50,
    sex: 'female',
    pathway: 'anticoagulated',
    expectedRules: ['PCB-10', 'PCB-13', 'PCB-14', 'PCB-45'],
    highestIndicator: 'info',
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
    expectedRules: ['PCB-01', 'PCB-10', 'PCB-13'],
    highestIndicator: 'info',
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
    expectedRules: ['PCB-10', 'PCB-13', 'PCB-14'],
    highestIndicator: 'info',
    story:
      '32-year-old trans man (female sex at birth, cervix present) with bleeding after sex: the gate stays open; evaluate as for anyone with a cervix.',
    facts: (b) => b.genderIdentity('transgender-male', { yearsAgo: 2 }).cytology('NILM', { yearsAgo: 2 }).pcbCondition({ weeksAgo: 1 }),
  },
  {
    id: 'pcb-demo-no-screening-record',
    given: 'Rosa',
    family: 'Demo',
    age: 35,
    sex: 'female',
    pathway: 'missing-screening',
    expectedRules: ['PCB-03', 'PCB-10', 'PCB-11', 'PCB-13', 'PCB-14'],
    highestIndicator: 'info',
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
    expectedRules: ['PCB-04', 'PCB-10'],
    highestIndicator: 'info',
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
    expectedRules: ['PCB-10', 'PCB-17'],
    highestIndicator: 'warning',
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
    expectedRules: ['PCB-10', 'PCB-21', 'PCB-22'],
    highestIndicator: 'warning',
    relatedVignette: 'V26',
    story:
      "62-year-old on continuous combined HRT for 2 years, endometrial thickness 7 mm on last week's scan: HRT does not explain the bleeding; urgent endometrial sampling, no repeat scan.",
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
    expectedRules: ['PCB-10', 'PCB-23'],
    highestIndicator: 'warning',
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
    expectedRules: ['PCB-10', 'PCB-20', 'PCB-42'],
    highestIndicator: 'warning',
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
    expectedRules: ['PCB-10', 'PCB-13', 'PCB-14', 'PCB-51', 'PCB-52'],
    highestIndicator: 'warning',
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
    expectedRules: ['PCB-10', 'PCB-53'],
    highestIndicator: 'warning',
    relatedVignette: 'V46',
    story: '47-year-old with unexplained weight loss and a palpable pelvic mass: urgent gynaecology/gynaecologic-oncology assessment.',
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
  // ---------------------------------------------------------------------------------------------
  // Revision 2 pathways
  // ---------------------------------------------------------------------------------------------
  {
    id: 'pcb-demo-aph-32w-shock',
    given: 'Aisha',
    family: 'Demo',
    age: 33,
    sex: 'female',
    pathway: 'antepartum-haemorrhage-shock',
    expectedRules: ['PCB-34'],
    highestIndicator: 'critical',
    story:
      '33-year-old at 32 weeks, heavy bleeding after sex, BP 82/48 and pulse 124 at the antenatal clinic: antepartum haemorrhage with shock, obstetric emergency now (ambulance), no digital exam.',
    facts: (b) =>
      b
        .pregnancyStatus('pregnant', { weeksAgo: 24 })
        .rhD('positive', { weeksAgo: 24 })
        .naat('ct-ng', 'negative', { weeksAgo: 24 })
        .cytology('NILM', { yearsAgo: 2 })
        .gestationalAge({ weeks: 32 })
        .edd({ inDays: 8 * 7 })
        .pcbCondition()
        .heavyBleeding()
        .vitals({
          systolic: 82,
          diastolic: 48,
          heartRate: 124,
          bloodPressure: 'panel',
        })
        .pcbEncounter(),
  },
  {
    id: 'pcb-demo-collapse-pregnancy-unknown',
    given: 'Lena',
    family: 'Demo',
    age: 26,
    sex: 'female',
    pathway: 'instability-pregnancy-unknown',
    expectedRules: ['PCB-10', 'PCB-14', 'PCB-54'],
    highestIndicator: 'critical',
    relatedVignette: 'V47',
    story:
      '26-year-old who fainted after bleeding after sex, lower abdominal pain, BP 88, pulse 116, period 7 weeks ago and no pregnancy test: ambulance now; ruptured ectopic pregnancy until excluded.',
    facts: (b) =>
      b
        .lmp({ weeksAgo: 7 })
        .cytology('NILM', { yearsAgo: 1 })
        .naat('ct-ng', 'negative', { monthsAgo: 2 })
        .pcbCondition({ daysAgo: 1 })
        .finding('syncope', { as: 'condition' })
        .finding('acute-abdominal-pain', { as: 'condition' })
        .vitals({ systolic: 88, heartRate: 116 })
        .pcbEncounter(),
  },
  {
    id: 'pcb-demo-heavy-bleeding-warfarin',
    given: 'Carmen',
    family: 'Demo',
    age: 44,
    sex: 'female',
    pathway: 'heavy-bleeding-stable-anticoagulated',
    expectedRules: ['PCB-10', 'PCB-14', 'PCB-45', 'PCB-50'],
    highestIndicator: 'critical',
    story:
      '44-year-old on warfarin, heavy bleeding after sex since yesterday, BP 118/76 and pulse 92 (stable): same-day emergency assessment, INR and pregnancy test today.',
    facts: (b) =>
      b
        .lmp({ weeksAgo: 3 })
        .medication('anticoagulant', '11289', { yearsAgo: 3 })
        .condition('icd10cm', 'Z79.01', { yearsAgo: 3 })
        .cotest('NILM', 'negative', { yearsAgo: 1 })
        .naat('ct-ng', 'negative', { monthsAgo: 2 })
        .pcbCondition({ daysAgo: 1 })
        .heavyBleeding()
        .vitals({
          systolic: 118,
          diastolic: 76,
          heartRate: 92,
          bloodPressure: 'panel',
        }),
  },
  {
    id: 'pcb-demo-praevia-18w',
    given: 'Hana',
    family: 'Demo',
    age: 30,
    sex: 'female',
    pathway: 'placenta-praevia-before-20-weeks',
    expectedRules: ['PCB-32'],
    highestIndicator: 'critical',
    story:
      '30-year-old at 18 weeks with a complete placenta praevia on the 16-week scan, light bleeding after sex: same-day obstetric triage, never a digital vaginal exam.',
    facts: (b) =>
      b
        .pregnancyStatus('pregnant', { weeksAgo: 10 })
        .rhD('positive', { weeksAgo: 10 })
        .naat('ct-ng', 'negative', { weeksAgo: 10 })
        .cytology('NILM', { yearsAgo: 2 })
        .placentaPraevia('O44.02', { weeksAgo: 2 })
        .gestationalAge({ weeks: 18 })
        .pcbCondition(),
  },
  {
    id: 'pcb-demo-age-15',
    given: 'Zoe',
    family: 'Demo',
    age: 15,
    sex: 'female',
    pathway: 'safeguarding-minor',
    expectedRules: ['PCB-10', 'PCB-12', 'PCB-13', 'PCB-14', 'PCB-19'],
    highestIndicator: 'info',
    relatedVignette: 'V64',
    story:
      '15-year-old with bleeding after sex for a week: see her alone for part of the visit and ask about consent, coercion and abuse; exam, CT/NG NAAT and a pregnancy test, no Pap.',
    facts: (b) => b.pcbCondition({ weeksAgo: 1 }).lmp({ weeksAgo: 2 }),
  },
  {
    id: 'pcb-demo-uk-hiv',
    given: 'Abena',
    family: 'Demo',
    age: 38,
    sex: 'female',
    pathway: 'uk-hiv-annual-screening',
    expectedRules: ['PCB-10', 'PCB-11', 'PCB-43'],
    highestIndicator: 'info',
    jurisdiction: 'UK',
    relatedVignette: 'V63',
    story:
      'UK mode (PCB_JURISDICTION=UK): 38-year-old living with HIV, HPV-negative screening 2 years ago: women living with HIV are screened every year, so cervical screening is due now.',
    facts: (b) =>
      b
        .condition('snomed', '86406008', { yearsAgo: 8 })
        .hpv('negative', { yearsAgo: 2 })
        .naat('ct-ng', 'negative', { monthsAgo: 1 })
        .hcg('negative')
        .pcbCondition({ weeksAgo: 1 }),
  },
  {
    id: 'pcb-demo-pregnant-ga-unknown',
    given: 'Ruby',
    family: 'Demo',
    age: 33,
    sex: 'female',
    pathway: 'pregnant-gestation-unknown',
    expectedRules: ['PCB-10', 'PCB-30'],
    highestIndicator: 'warning',
    story:
      '33-year-old booked for antenatal care 2 weeks ago, no dating scan or LMP on record, spotting after sex: pregnancy assessment; sterile speculum only, no digital exam until she is dated.',
    facts: (b) =>
      b
        .antenatalEpisode({ weeksAgo: 2 })
        .rhD('positive', { weeksAgo: 2 })
        .naat('ct-ng', 'negative', { weeksAgo: 2 })
        .cytology('NILM', { yearsAgo: 1 })
        .pcbCondition({ daysAgo: 2 }),
  },
  {
    id: 'pcb-demo-known-ectopic',
    given: 'Sara',
    family: 'Demo',
    age: 29,
    sex: 'female',
    pathway: 'pregnancy-of-concern',
    expectedRules: ['PCB-10', 'PCB-31'],
    highestIndicator: 'critical',
    story:
      '29-year-old with a tubal ectopic pregnancy diagnosed 3 days ago, now bleeding after sex with pelvic pain: known ectopic pregnancy with bleeding, emergency assessment today.',
    facts: (b) =>
      b
        .condition('icd10cm', 'O00.109', { daysAgo: 3 })
        .quantitativeHcg(1800, { daysAgo: 3 })
        .rhD('positive', { daysAgo: 3 })
        .cytology('NILM', { yearsAgo: 1 })
        .naat('ct-ng', 'negative', { monthsAgo: 1 })
        .pcbCondition({ daysAgo: 1 })
        .finding('pelvic-pain', { as: 'condition' }),
  },
  // ---------------------------------------------------------------------------------------------
  // Revision 2: the encodings other systems write (fact-encoding.md rev 2 additions)
  // ---------------------------------------------------------------------------------------------
  {
    id: 'pcb-demo-hsil-report',
    given: 'Mei',
    family: 'Demo',
    age: 31,
    sex: 'female',
    pathway: 'hsil-diagnostic-report',
    expectedRules: ['PCB-10', 'PCB-16'],
    highestIndicator: 'warning',
    relatedVignette: 'V11',
    story:
      '31-year-old whose cotest report 2 months ago concluded HSIL with high-risk HPV, no colposcopy since, now bleeding after sex: urgent colposcopy.',
    facts: (b) =>
      b
        .cotestReport('HSIL-pap-smear', 'dna-positive-high-risk', {
          monthsAgo: 2,
        })
        .naat('ct-ng', 'negative', { monthsAgo: 2 })
        .hcg('negative')
        .lmp({ weeksAgo: 2 })
        .pcbCondition({ weeksAgo: 1 }),
  },
  {
    id: 'pcb-demo-cin3-histology',
    given: 'Julia',
    family: 'Demo',
    age: 36,
    sex: 'female',
    pathway: 'cervical-histology-report',
    expectedRules: ['PCB-10', 'PCB-44'],
    highestIndicator: 'warning',
    relatedVignette: 'V42',
    story:
      '36-year-old with CIN3 on a cervical biopsy report 25 months ago (after HSIL cytology), HPV negative since: higher risk, refer for colposcopy.',
    facts: (b) =>
      b
        .cytology('HSIL', { monthsAgo: 26 })
        .histology('CIN3', { monthsAgo: 25 })
        .hpv('dna-negative', { monthsAgo: 11 })
        .naat('ct-ng', 'negative', { monthsAgo: 1 })
        .hcg('negative')
        .lmp({ weeksAgo: 3 })
        .pcbCondition({ weeksAgo: 1 }),
  },
  {
    id: 'pcb-demo-undated-hysterectomy',
    given: 'Brenda',
    family: 'Demo',
    age: 55,
    sex: 'female',
    pathway: 'undated-hysterectomy',
    expectedRules: ['PCB-10', 'PCB-40'],
    highestIndicator: 'info',
    relatedVignette: 'V35',
    story:
      '55-year-old whose record lists a total hysterectomy with no date: no cervix, so no cervical screening; examine the vaginal vault.',
    facts: (b) => b.hysterectomy('116140006', { undated: true }).naat('ct-ng', 'negative', { monthsAgo: 2 }).pcbCondition({ weeksAgo: 1 }),
  },
  {
    id: 'pcb-demo-immune-status',
    given: 'Nadia',
    family: 'Demo',
    age: 42,
    sex: 'female',
    pathway: 'immune-status-observation',
    expectedRules: ['PCB-10', 'PCB-43'],
    highestIndicator: 'info',
    relatedVignette: 'V40',
    story:
      '42-year-old recorded as immunocompromised (immune-status result), cotest negative 2 years ago: the lifelong immunocompromised screening schedule applies.',
    facts: (b) =>
      b
        .immuneStatus('immunocompromised', { monthsAgo: 6 })
        .cotest('NILM', 'dna-negative', { yearsAgo: 2 })
        .naat('ct-ng', 'negative', { monthsAgo: 2 })
        .hcg('negative')
        .lmp({ weeksAgo: 2 })
        .pcbCondition({ weeksAgo: 1 }),
  },
];

function startDemo(spec: DemoSpec, today: Date): PatientBundleBuilder {
  const b = new PatientBundleBuilder(spec.id, today).name(spec.given, spec.family).born({ yearsAgo: spec.age });
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
    jurisdiction: spec.jurisdiction ?? 'US',
    expectedRules: spec.expectedRules,
    highestIndicator: spec.highestIndicator,
    ...(spec.relatedVignette === undefined ? {} : { relatedVignette: spec.relatedVignette }),
    bundle: (today: Date = new Date()) => spec.facts(startDemo(spec, today)).build(),
  };
}

/** The demo patients, one per pathway. */
export const DEMO_PATIENTS: readonly DemoPatient[] = SPECS.map(toDemoPatient);
