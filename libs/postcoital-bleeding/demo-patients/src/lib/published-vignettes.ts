import type { Bundle, FhirResource } from 'fhir/r4';
import { PatientBundleBuilder } from './patient-bundle-builder';

/**
 * The 47 published acceptance vignettes of pcb-guideline.md §5 (revision 2), as data.
 *
 * Each bundle encodes the vignette's stated facts plus the §5 defaults for unstated facts:
 * female sex at birth, PCB Condition N93.0 within 90 d with pcbWeeks = 1, no hysterectomy, not
 * pregnant (a pregnancy test recorded ≤ 7 d only where the vignette says "hCG neg"), premenopausal,
 * RhD positive, no red flags, no anticoagulant / HRT / tamoxifen / immunosuppression / CIN history.
 *
 * Encoding conventions (stated once here, applied throughout):
 * - "N y / N mo / N wk / N d (ago)" is that many calendar years / months / weeks / days before today.
 * - "hCG neg" without a date is a urine hCG (2106-3) negative recorded today (the visit's point-of-care test).
 * - "NAAT neg" is a CT+NG NAAT: two Observations, chlamydia 53926-2 and gonorrhoea 53879-3 (vaginal swab),
 *   both negative on the same day, as laboratories report them.
 * - "cotest neg" is cytology NILM (10524-7) and HPV negative (30167-1) on the same day.
 * - "premenopausal" (stated, or the default at an age of 40–55 where age alone leaves the status
 *   unknown) is the menopausal-status Observation 161712005 = 22636003; under 40 no record is written,
 *   because the guideline derives "pre" from age < 40 and EHRs do not record it for young women.
 * - "postmenopausal" is 161712005 = 76498008 (the code V25 states).
 * - Symptoms reported at today's visit are encounter-diagnosis Conditions dated today; exam findings
 *   are Observations (finding as code, valueBoolean true), as V59 states.
 * - Pregnancy "N wk" is pregnancy status 82810-3 = LA15173-0 and GA 49051-6 = N weeks, both recorded today;
 *   a stated RhD type is an RhD Observation (10331-7) from the booking visit. The RhD-positive default
 *   is not written for non-pregnant patients (no rule reads it there); every pregnant vignette states it.
 * - Where the §5 expectation needs a fact the row does not state (marked IMPLIED in `encodingNotes`),
 *   the fact is added and the note says why.
 * - Vital signs are standalone Observations (SBP 8480-6, HR 8867-4) unless the row's note says panel.
 * - V20, V21 and V57 hold only what their rows state (plus V57's NAAT): under revision 2 (R2-5: PCB-32/34
 *   suppress PCB-03) their expectations need no IMPLIED cytology.
 */

export type VignetteId =
  | 'V01'
  | 'V02'
  | 'V03'
  | 'V04'
  | 'V06'
  | 'V07'
  | 'V08'
  | 'V09'
  | 'V11'
  | 'V13'
  | 'V14'
  | 'V15'
  | 'V17'
  | 'V19'
  | 'V20'
  | 'V21'
  | 'V23'
  | 'V25'
  | 'V26'
  | 'V28'
  | 'V29'
  | 'V31'
  | 'V32'
  | 'V34'
  | 'V35'
  | 'V36'
  | 'V39'
  | 'V40'
  | 'V42'
  | 'V43'
  | 'V45'
  | 'V46'
  | 'V47'
  | 'V48'
  | 'V50'
  | 'V51'
  | 'V52'
  | 'V54'
  | 'V55'
  | 'V57'
  | 'V59'
  | 'V61'
  | 'V63'
  | 'V64'
  | 'V74'
  | 'V75'
  | 'V78';

export type Jurisdiction = 'US' | 'UK';
export type CardIndicator = 'info' | 'warning' | 'critical' | 'none';

export interface PublishedVignette {
  readonly id: VignetteId;
  /** The Patient id in the bundle (`pcb-vignette-v01`). */
  readonly patientId: string;
  readonly mode: Jurisdiction;
  /** The "Patient facts" cell of pcb-guideline.md §5, verbatim. */
  readonly description: string;
  /** The "Expected rules" cell, exactly (empty = no cards). */
  readonly expectedRules: readonly string[];
  readonly highestIndicator: CardIndicator;
  /** How ambiguous wording was encoded, and facts added because the expectation needs them. */
  readonly encodingNotes: readonly string[];
  readonly bundle: (today?: Date) => Bundle<FhirResource>;
}

interface VignetteSpec {
  readonly id: VignetteId;
  readonly mode?: Jurisdiction;
  readonly description: string;
  readonly expectedRules: readonly string[];
  readonly highestIndicator: CardIndicator;
  readonly encodingNotes?: readonly string[];
  /** Age in whole years, and sex at birth (default female). */
  readonly age: number;
  readonly male?: boolean;
  readonly facts: (b: PatientBundleBuilder) => PatientBundleBuilder;
}

const NOTE_NAAT = 'NAAT neg = CT (53926-2) and NG (53879-3) vaginal NAATs, both negative, same day.';
const NOTE_PRE_DEFAULT =
  'Default "premenopausal" recorded as 161712005 = 22636003: at 40–55 with no record the guideline derives "unknown" (PCB-02), which the expectation excludes.';

function vignettePatientId(id: VignetteId): string {
  return `pcb-vignette-${id.toLowerCase()}`;
}

function startVignette(spec: VignetteSpec, today: Date): PatientBundleBuilder {
  const b = new PatientBundleBuilder(vignettePatientId(spec.id), today).name('Vignette', spec.id).born({ yearsAgo: spec.age });
  return spec.male === true ? b.gender('male').birthSex('M') : b.gender('female').birthSex('F');
}

const SPECS: readonly VignetteSpec[] = [
  {
    id: 'V01',
    description:
      '28 F; PCB Condition N93.0 onset 1 wk; pregnancy status none recorded (→unknown); premenopausal (LMP 2 wk); cytology NILM 1 y; no CT/NG NAAT on record; stable partner',
    expectedRules: ['PCB-10', 'PCB-13', 'PCB-14'],
    highestIndicator: 'info',
    encodingNotes: [
      '"stable partner" = new-sexual-partner Observation valueBoolean false (a recorded "no"), so a reader that ignores the value is caught.',
    ],
    age: 28,
    facts: (b) => b.pcbCondition({ weeksAgo: 1 }).lmp({ weeksAgo: 2 }).cytology('NILM', { yearsAgo: 1 }).newSexualPartner({ value: false }),
  },
  {
    id: 'V02',
    description: '32 F; PCB 2 wk; cotest NILM/HPV-neg 2 y; CT/NG NAAT neg 2 mo, no new partner; urine hCG neg 3 d ago',
    expectedRules: ['PCB-10'],
    highestIndicator: 'info',
    encodingNotes: [NOTE_NAAT, '"no new partner" = new-sexual-partner Observation valueBoolean false, today.'],
    age: 32,
    facts: (b) =>
      b
        .pcbCondition({ weeksAgo: 2 })
        .cotest('NILM', 'negative', { yearsAgo: 2 })
        .naat('ct-ng', 'negative', { monthsAgo: 2 })
        .newSexualPartner({ value: false })
        .hcg('negative', { daysAgo: 3, specimen: 'urine' }),
  },
  {
    id: 'V03',
    description: '24 F; PCB 1 wk; new sexual partner (questionnaire); abnormal discharge 271939006; cytology NILM 2 y; NAAT none',
    expectedRules: ['PCB-10', 'PCB-13', 'PCB-14', 'PCB-52'],
    highestIndicator: 'info',
    encodingNotes: [
      'New partner = QuestionnaireResponse item linkId new-sexual-partner, valueBoolean true, authored today.',
      'Discharge = encounter-diagnosis Condition 271939006 dated today.',
    ],
    age: 24,
    facts: (b) =>
      b
        .pcbCondition({ weeksAgo: 1 })
        .questionnaireAnswer('new-sexual-partner', true)
        .finding('vaginal-discharge', { as: 'condition' })
        .cytology('NILM', { yearsAgo: 2 }),
  },
  {
    id: 'V04',
    description: '19 F (edge: <21); PCB 1 wk; no cervical screening on record (appropriately); sexually active; no NAAT',
    expectedRules: ['PCB-10', 'PCB-12', 'PCB-13', 'PCB-14'],
    highestIndicator: 'info',
    encodingNotes: ['"sexually active" has no code in fact-encoding.md and is implied by PCB itself; not written.'],
    age: 19,
    facts: (b) => b.pcbCondition({ weeksAgo: 1 }),
  },
  {
    id: 'V06',
    description: '35 F (missing data); PCB 1 wk; NO cytology/HPV result anywhere in record; no NAAT; pregnancy status not recorded',
    expectedRules: ['PCB-03', 'PCB-10', 'PCB-11', 'PCB-13', 'PCB-14'],
    highestIndicator: 'info',
    age: 35,
    facts: (b) => b.pcbCondition({ weeksAgo: 1 }),
  },
  {
    id: 'V07',
    description: '45 F premenopausal; PCB 8 wk (recurrent); last cytology NILM 4 y ago (overdue); NAAT neg 1 mo; no new partner',
    expectedRules: ['PCB-10', 'PCB-11', 'PCB-14', 'PCB-15'],
    highestIndicator: 'warning',
    encodingNotes: [
      '"premenopausal" = 161712005 = 22636003 (no LMP stated).',
      '"PCB 8 wk (recurrent)" = one N93.0 Condition with onset 8 weeks ago (the episode start).',
      NOTE_NAAT,
      '"no new partner" = new-sexual-partner Observation valueBoolean false, today.',
    ],
    age: 45,
    facts: (b) =>
      b
        .menopause('pre')
        .pcbCondition({ weeksAgo: 8 })
        .cytology('NILM', { yearsAgo: 4 })
        .naat('ct-ng', 'negative', { monthsAgo: 1 })
        .newSexualPartner({ value: false }),
  },
  {
    id: 'V08',
    description: '30 F; PCB persisting 7 wk; NAAT neg 1 mo; cotest neg 1 y; hCG neg 2 d',
    expectedRules: ['PCB-10', 'PCB-15'],
    highestIndicator: 'warning',
    encodingNotes: [NOTE_NAAT, '"hCG neg 2 d" = urine hCG 2106-3 negative 2 days ago.'],
    age: 30,
    facts: (b) =>
      b
        .pcbCondition({ weeksAgo: 7 })
        .naat('ct-ng', 'negative', { monthsAgo: 1 })
        .cotest('NILM', 'negative', { yearsAgo: 1 })
        .hcg('negative', { daysAgo: 2 }),
  },
  {
    id: 'V09',
    description: '30 F; PCB 5 wk (below 6-wk threshold for <35); otherwise as V08',
    expectedRules: ['PCB-10'],
    highestIndicator: 'info',
    encodingNotes: ['"otherwise as V08": NAAT neg 1 mo, cotest neg 1 y, urine hCG neg 2 d.', NOTE_NAAT],
    age: 30,
    facts: (b) =>
      b
        .pcbCondition({ weeksAgo: 5 })
        .naat('ct-ng', 'negative', { monthsAgo: 1 })
        .cotest('NILM', 'negative', { yearsAgo: 1 })
        .hcg('negative', { daysAgo: 2 }),
  },
  {
    id: 'V11',
    description: '29 F; cytology HSIL 3 mo ago, no colposcopy Procedure after it; no NAAT',
    expectedRules: ['PCB-10', 'PCB-13', 'PCB-14', 'PCB-16'],
    highestIndicator: 'warning',
    age: 29,
    facts: (b) => b.pcbCondition({ weeksAgo: 1 }).cytology('HSIL', { monthsAgo: 3 }),
  },
  {
    id: 'V13',
    description: '33 F; ASC-US + hrHPV(other) 2 mo ago AND colposcopy (392003006) done after; no NAAT',
    expectedRules: ['PCB-10', 'PCB-13', 'PCB-14'],
    highestIndicator: 'info',
    encodingNotes: [
      'ASC-US cytology and HPV positive (10828004, "not 16/18") on the same day 2 months ago; colposcopy 1 month ago ("done after", date unstated).',
    ],
    age: 33,
    facts: (b) => b.pcbCondition({ weeksAgo: 1 }).cotest('ASC-US', 'positive', { monthsAgo: 2 }).colposcopy({ monthsAgo: 1 }),
  },
  {
    id: 'V14',
    description: '40 M (administrative gender male, no gender-identity/organ-inventory data); N93.0 erroneously coded',
    expectedRules: [],
    highestIndicator: 'none',
    encodingNotes: [
      'Patient.gender male with the US Core birth-sex extension M (what a US Core EHR sends for a male patient); no gender-identity Observation; N93.0 Condition onset 1 week ago.',
    ],
    age: 40,
    male: true,
    facts: (b) => b.pcbCondition({ weeksAgo: 1 }),
  },
  {
    id: 'V15',
    description: '27 F; contraception visit; no PCB Condition/Observation/reason code',
    expectedRules: [],
    highestIndicator: 'none',
    encodingNotes: ['Contraception visit = finished Encounter today with reasonCode ICD-10-CM Z30.09; no PCB anywhere.'],
    age: 27,
    facts: (b) => b.encounter({ reason: 'contraception' }),
  },
  {
    id: 'V17',
    description:
      '29 F pregnant 8+0 wk (82810-3 = LA15173-0; GA 49051-6 = 8), IUP confirmed; light PCB, no pain; RhD pos; cytology NILM 1 y; NAAT neg at booking 1 mo',
    expectedRules: ['PCB-10', 'PCB-30'],
    highestIndicator: 'warning',
    encodingNotes: [
      'Pregnancy status and GA 8 recorded today. "IUP confirmed" (ultrasound) has no code in fact-encoding.md; not written.',
      NOTE_NAAT,
    ],
    age: 29,
    facts: (b) =>
      b
        .pcbCondition({ weeksAgo: 1 })
        .pregnancyStatus('pregnant')
        .gestationalAge({ weeks: 8 })
        .rhD('positive', { monthsAgo: 1 })
        .cytology('NILM', { yearsAgo: 1 })
        .naat('ct-ng', 'negative', { monthsAgo: 1 }),
  },
  {
    id: 'V19',
    description: 'Pregnant 8 wk; heavy bleeding with clots + cramping pelvic pain; RhD unknown; NAAT neg 1 mo',
    expectedRules: ['PCB-10', 'PCB-31', 'PCB-33'],
    highestIndicator: 'critical',
    encodingNotes: [
      'Age unstated: 29 (as V17, which this varies).',
      'IMPLIED: cytology NILM 1 y ago. With no cervical result at age >= 21, PCB-03 and PCB-11 would fire, which the expectation excludes.',
      'Heavy bleeding = pcb-facts#heavy-bleeding Observation true; pelvic pain = encounter-diagnosis Condition 30473006; both today. RhD unknown = no RhD Observation.',
      NOTE_NAAT,
    ],
    age: 29,
    facts: (b) =>
      b
        .pcbCondition({ weeksAgo: 1 })
        .pregnancyStatus('pregnant')
        .gestationalAge({ weeks: 8 })
        .heavyBleeding()
        .finding('pelvic-pain', { as: 'condition' })
        .naat('ct-ng', 'negative', { monthsAgo: 1 })
        .cytology('NILM', { yearsAgo: 1 }),
  },
  {
    id: 'V20',
    description: '31 F pregnant 30+0 wk; light PCB; RhD pos; NAAT neg at 28 wk',
    expectedRules: ['PCB-32'],
    highestIndicator: 'critical',
    encodingNotes: [
      '"NAAT neg at 28 wk" = 2 weeks ago (GA 30+0 today).',
      'No cervical result on record: PCB-32 suppresses PCB-03 and PCB-11 (R2-5).',
      NOTE_NAAT,
    ],
    age: 31,
    facts: (b) =>
      b
        .pcbCondition({ weeksAgo: 1 })
        .pregnancyStatus('pregnant')
        .gestationalAge({ weeks: 30 })
        .rhD('positive', { weeksAgo: 20 })
        .naat('ct-ng', 'negative', { weeksAgo: 2 }),
  },
  {
    id: 'V21',
    description: '22 F pregnant 30 wk; PCB; RhD negative; no NAAT this pregnancy',
    expectedRules: ['PCB-13', 'PCB-32', 'PCB-33'],
    highestIndicator: 'critical',
    encodingNotes: [
      'No cervical result on record: PCB-32 suppresses PCB-03 and PCB-11 (R2-5).',
      '"no NAAT this pregnancy": no NAAT on record at all.',
    ],
    age: 22,
    facts: (b) =>
      b.pcbCondition({ weeksAgo: 1 }).pregnancyStatus('pregnant').gestationalAge({ weeks: 30 }).rhD('negative', { weeksAgo: 20 }),
  },
  {
    id: 'V23',
    description: 'Pregnant 16 wk; light PCB; RhD negative; NAAT neg 2 mo',
    expectedRules: ['PCB-10', 'PCB-30', 'PCB-33'],
    highestIndicator: 'warning',
    encodingNotes: [
      'Age unstated: 29.',
      'IMPLIED: cytology NILM 1 y ago; without a cervical result PCB-03 and PCB-11 would fire.',
      NOTE_NAAT,
    ],
    age: 29,
    facts: (b) =>
      b
        .pcbCondition({ weeksAgo: 1 })
        .pregnancyStatus('pregnant')
        .gestationalAge({ weeks: 16 })
        .rhD('negative', { monthsAgo: 2 })
        .naat('ct-ng', 'negative', { monthsAgo: 2 })
        .cytology('NILM', { yearsAgo: 1 }),
  },
  {
    id: 'V25',
    description: '58 F postmenopausal (76498008), no HRT; PCB; cotest neg 3 y; no NAAT',
    expectedRules: ['PCB-10', 'PCB-20'],
    encodingNotes: ['Revision 2 (R2-7): postmenopausal in US mode, so "no NAAT in 12 months" alone does not fire PCB-13.'],
    highestIndicator: 'warning',
    age: 58,
    facts: (b) => b.menopause('post', { code: '76498008' }).pcbCondition({ weeksAgo: 1 }).cotest('NILM', 'negative', { yearsAgo: 3 }),
  },
  {
    id: 'V26',
    description: '62 F postmenopausal on continuous combined HRT 2 y (estradiol/norethindrone; Z79.890); PCB; cotest neg 2 y; no NAAT',
    expectedRules: ['PCB-10', 'PCB-20', 'PCB-22'],
    highestIndicator: 'warning',
    encodingNotes: [
      'Revision 2 (R2-7): postmenopausal in US mode, so no PCB-13 for a missing NAAT alone.',
      'HRT = active MedicationRequest RxNorm 1359126 (estradiol/norethindrone, guideline §4.7) authored 2 years ago (start of therapy) plus Condition Z79.890 with onset 2 years ago.',
    ],
    age: 62,
    facts: (b) =>
      b
        .menopause('post', { code: '76498008' })
        .medication('hrt', '1359126', { yearsAgo: 2 })
        .condition('icd10cm', 'Z79.890', { yearsAgo: 2 })
        .pcbCondition({ weeksAgo: 1 })
        .cotest('NILM', 'negative', { yearsAgo: 2 }),
  },
  {
    id: 'V28',
    description: '42 F premenopausal on tamoxifen; PCB; cotest neg 1 y; NAAT neg 2 mo; hCG neg',
    expectedRules: ['PCB-10', 'PCB-24'],
    highestIndicator: 'info',
    encodingNotes: ['Tamoxifen = active MedicationRequest RxNorm ingredient 10324, authored 1 year ago (start unstated).', NOTE_NAAT],
    age: 42,
    facts: (b) =>
      b
        .menopause('pre')
        .medication('tamoxifen', '10324', { yearsAgo: 1 })
        .pcbCondition({ weeksAgo: 1 })
        .cotest('NILM', 'negative', { yearsAgo: 1 })
        .naat('ct-ng', 'negative', { monthsAgo: 2 })
        .hcg('negative'),
  },
  {
    id: 'V29',
    description: '57 F postmenopausal; TVUS endometrial thickness 7 mm resulted 3 d ago; cotest neg 2 y; no NAAT',
    expectedRules: ['PCB-10', 'PCB-21'],
    highestIndicator: 'warning',
    encodingNotes: [
      'TVUS = pcb-facts#endometrial-thickness 7 mm, 3 days ago: inside the PCB episode (onset 1 week ago), so it suppresses PCB-20 (R2-8, R2-24).',
    ],
    age: 57,
    facts: (b) =>
      b
        .menopause('post', { code: '76498008' })
        .pcbCondition({ weeksAgo: 1 })
        .endometrialThickness(7, { daysAgo: 3 })
        .cotest('NILM', 'negative', { yearsAgo: 2 }),
  },
  {
    id: 'V31',
    description:
      '48 F; menopausal status unknown (no LMP, no menopause Observation); also intermenstrual bleeding; cytology NILM 2 y; no NAAT',
    expectedRules: ['PCB-02', 'PCB-10', 'PCB-13', 'PCB-14', 'PCB-25'],
    highestIndicator: 'warning',
    encodingNotes: ['Intermenstrual bleeding = pcb-facts#intermenstrual-bleeding Observation true, today.'],
    age: 48,
    facts: (b) => b.pcbCondition({ weeksAgo: 1 }).intermenstrualBleeding().cytology('NILM', { yearsAgo: 2 }),
  },
  {
    id: 'V32',
    description: '48 F; menopausal status unknown; PCB only; cytology NILM 2 y; no NAAT',
    expectedRules: ['PCB-02', 'PCB-10', 'PCB-13', 'PCB-14'],
    highestIndicator: 'info',
    age: 48,
    facts: (b) => b.pcbCondition({ weeksAgo: 1 }).cytology('NILM', { yearsAgo: 2 }),
  },
  {
    id: 'V34',
    description: '70 F postmenopausal; no screening results on record (not adequately screened); PCB; no NAAT',
    expectedRules: ['PCB-03', 'PCB-10', 'PCB-11', 'PCB-20'],
    highestIndicator: 'warning',
    encodingNotes: ['Revision 2 (R2-7): postmenopausal in US mode, so no PCB-13 for a missing NAAT alone.'],
    age: 70,
    facts: (b) => b.menopause('post', { code: '76498008' }).pcbCondition({ weeksAgo: 1 }),
  },
  {
    id: 'V35',
    description: '52 F; total hysterectomy (116140006) for fibroids 10 y ago, no CIN history; PCB; no NAAT',
    expectedRules: ['PCB-10', 'PCB-13', 'PCB-40'],
    highestIndicator: 'info',
    encodingNotes: [
      'Hysterectomy = completed Procedure 116140006 performed 10 years ago; the indication (fibroids) is not a fact and is not written.',
      'No menopausal-status record: with no uterus the status does not enter any rule (PCB-02/14/20 need a corpus).',
    ],
    age: 52,
    facts: (b) => b.hysterectomy('116140006', { yearsAgo: 10 }).pcbCondition({ weeksAgo: 1 }),
  },
  {
    id: 'V36',
    description: '50 F; total hysterectomy 8 y ago for CIN3 (252991009); PCB; no NAAT',
    expectedRules: ['PCB-10', 'PCB-13', 'PCB-40', 'PCB-44'],
    highestIndicator: 'warning',
    encodingNotes: [
      '"total hysterectomy" = Procedure 116140006 (Total hysterectomy), 8 years ago.',
      'CIN3 = Condition 252991009 with onset 8 years ago and clinicalStatus resolved (removed by the hysterectomy, as an EHR lists it); fact-encoding.md keeps resolved Conditions for the CIN2+ history.',
    ],
    age: 50,
    facts: (b) =>
      b
        .cervicalHistory('252991009', {
          yearsAgo: 8,
          clinicalStatus: 'resolved',
        })
        .hysterectomy('116140006', { yearsAgo: 8 })
        .pcbCondition({ weeksAgo: 1 }),
  },
  {
    id: 'V39',
    description: '34 F HIV (B20); cytology NILM 2 y (annual cytology required); no NAAT',
    expectedRules: ['PCB-10', 'PCB-11', 'PCB-13', 'PCB-14', 'PCB-43'],
    highestIndicator: 'info',
    encodingNotes: ['HIV = active Condition B20 with onset 6 years ago (date unstated).'],
    age: 34,
    facts: (b) => b.condition('icd10cm', 'B20', { yearsAgo: 6 }).pcbCondition({ weeksAgo: 1 }).cytology('NILM', { yearsAgo: 2 }),
  },
  {
    id: 'V40',
    description: '34 F HIV; cotest neg 2 y (q3y cotest OK ≥30); NAAT neg 6 mo; hCG neg',
    expectedRules: ['PCB-10', 'PCB-13', 'PCB-43'],
    highestIndicator: 'info',
    encodingNotes: ['"HIV" = active Condition B20 (as V39), onset 6 years ago.', NOTE_NAAT],
    age: 34,
    facts: (b) =>
      b
        .condition('icd10cm', 'B20', { yearsAgo: 6 })
        .pcbCondition({ weeksAgo: 1 })
        .cotest('NILM', 'negative', { yearsAgo: 2 })
        .naat('ct-ng', 'negative', { monthsAgo: 6 })
        .hcg('negative'),
  },
  {
    id: 'V42',
    description: '38 F; CIN2 treated by LEEP 3 y ago (Z87.410); HPV-based test neg 1 y ago (surveillance); no NAAT',
    expectedRules: ['PCB-10', 'PCB-13', 'PCB-14', 'PCB-44'],
    highestIndicator: 'warning',
    encodingNotes: [
      'CIN2 history = active Condition Z87.410 with onset 3 years ago. LEEP has no code in fact-encoding.md; not written.',
      '"HPV-based test" = primary hrHPV (30167-1) negative, no cytology.',
      '"1 y ago" is exactly the CIN2+ surveillance limit (HPV-based <= 1 y) and the expectation has PCB-11 silent, so the test is dated 11 months ago: an annual surveillance test done on time, never on the wrong side of a 365/366-day boundary.',
    ],
    age: 38,
    facts: (b) => b.cervicalHistory('Z87.410', { yearsAgo: 3 }).pcbCondition({ weeksAgo: 1 }).hpv('negative', { monthsAgo: 11 }),
  },
  {
    id: 'V43',
    description: '50 F premenopausal (LMP 2 wk) on apixaban (Z79.01); mild PCB; cotest neg 2 y; no NAAT',
    expectedRules: ['PCB-10', 'PCB-13', 'PCB-14', 'PCB-45'],
    highestIndicator: 'info',
    encodingNotes: [
      'Apixaban = active MedicationRequest RxNorm 1364430 authored 6 months ago (start unstated) plus Condition Z79.01 (same date).',
      '"mild PCB" = the default N93.0 Condition, no heavy-bleeding record.',
    ],
    age: 50,
    facts: (b) =>
      b
        .lmp({ weeksAgo: 2 })
        .medication('anticoagulant', '1364430', { monthsAgo: 6 })
        .condition('icd10cm', 'Z79.01', { monthsAgo: 6 })
        .pcbCondition({ weeksAgo: 1 })
        .cotest('NILM', 'negative', { yearsAgo: 2 }),
  },
  {
    id: 'V45',
    description: '28 F; PCB + fever 386661006 + pelvic pain + discharge; new partner; cytology NILM 1 y',
    expectedRules: ['PCB-10', 'PCB-13', 'PCB-14', 'PCB-51', 'PCB-52'],
    highestIndicator: 'warning',
    encodingNotes: [
      'Fever 386661006, pelvic pain 30473006 and discharge 271939006 = encounter-diagnosis Conditions today.',
      '"new partner" (channel unstated, unlike V03) = new-sexual-partner Observation true today, the other channel fact-encoding.md accepts.',
    ],
    age: 28,
    facts: (b) =>
      b
        .pcbCondition({ weeksAgo: 1 })
        .finding('fever', { as: 'condition' })
        .finding('pelvic-pain', { as: 'condition' })
        .finding('vaginal-discharge', { as: 'condition' })
        .newSexualPartner()
        .cytology('NILM', { yearsAgo: 1 }),
  },
  {
    id: 'V46',
    description: '39 F; PCB + unexplained weight loss 422868009; cotest neg 1 y; no NAAT',
    expectedRules: ['PCB-10', 'PCB-13', 'PCB-14', 'PCB-53'],
    highestIndicator: 'warning',
    encodingNotes: ['Weight loss = encounter-diagnosis Condition 422868009 today.'],
    age: 39,
    facts: (b) => b.pcbCondition({ weeksAgo: 1 }).finding('weight-loss', { as: 'condition' }).cotest('NILM', 'negative', { yearsAgo: 1 }),
  },
  {
    id: 'V47',
    description: '30 F; heavy PCB, SBP 85 (unstable); pregnancy status not recorded; cytology NILM 1 y; no NAAT',
    expectedRules: ['PCB-10', 'PCB-13', 'PCB-14', 'PCB-54'],
    highestIndicator: 'critical',
    encodingNotes: [
      'Revision 2 (R2-29): SBP < 90 together with heavy bleeding is instability → PCB-54 (immediate), which suppresses PCB-50.',
      'Heavy = pcb-facts#heavy-bleeding Observation true today.',
      'SBP 85 = US Core blood-pressure panel 85354-9 with systolic component 8480-6 = 85 mm[Hg] and diastolic 8462-4 = 50 (diastolic unstated; a US Core EHR always sends both).',
    ],
    age: 30,
    facts: (b) =>
      b
        .pcbCondition({ weeksAgo: 1 })
        .heavyBleeding()
        .vitals({ systolic: 85, diastolic: 50, bloodPressure: 'panel' })
        .cytology('NILM', { yearsAgo: 1 }),
  },
  {
    id: 'V48',
    description: '27 F; chlamydia NAAT POSITIVE 3 wk ago (treated); PCB persisting 7 wk; cytology NILM 1 y; hCG neg',
    expectedRules: ['PCB-10'],
    highestIndicator: 'info',
    encodingNotes: [
      'Revision 2 (R2-6, R2-23): a positive NAAT < 4 weeks ago blocks PCB-13 (no retest order); the work-up card states the retest due date. PCB-15 is blocked for 6 weeks after the positive result.',
      'Only the chlamydia NAAT (53926-2) positive is written; no gonorrhoea result is stated. The treatment has no code in fact-encoding.md; not written.',
    ],
    age: 27,
    facts: (b) =>
      b.pcbCondition({ weeksAgo: 7 }).naat('chlamydia', 'positive', { weeksAgo: 3 }).cytology('NILM', { yearsAgo: 1 }).hcg('negative'),
  },
  {
    id: 'V50',
    description: '34 F; last PCB Condition recorded 8 months ago, nothing in 90-day lookback',
    expectedRules: [],
    highestIndicator: 'none',
    encodingNotes: [
      'N93.0 Condition with onset and recordedDate 8 months ago, clinicalStatus still active (so only the 90-day lookback closes the gate).',
    ],
    age: 34,
    facts: (b) => b.pcbCondition({ monthsAgo: 8 }),
  },
  {
    id: 'V51',
    mode: 'US',
    description: '[US mode] 23 F; no screening on record; no NAAT',
    expectedRules: ['PCB-03', 'PCB-10', 'PCB-11', 'PCB-13', 'PCB-14'],
    highestIndicator: 'info',
    age: 23,
    facts: (b) => b.pcbCondition({ weeksAgo: 1 }),
  },
  {
    id: 'V52',
    mode: 'UK',
    description: '[UK mode] 23 F; same facts as V51 (below NHSCSP age 25)',
    expectedRules: ['PCB-10', 'PCB-12', 'PCB-13', 'PCB-14'],
    highestIndicator: 'info',
    age: 23,
    facts: (b) => b.pcbCondition({ weeksAgo: 1 }),
  },
  {
    id: 'V54',
    mode: 'UK',
    description: '[UK mode] 68 F postmenopausal; ceased screening at 65 with adequate negatives; PCB; no NAAT',
    expectedRules: ['PCB-10', 'PCB-13', 'PCB-20', 'PCB-42'],
    highestIndicator: 'warning',
    encodingNotes: [
      '"adequate negatives" = NHS HPV-primary tests (30167-1) negative at 60 and 65 (8 and 3 years ago): 2 negative HPV tests in 10 years, the last within 5 years, no CIN2+ (guideline §1 "adequately screened").',
    ],
    age: 68,
    facts: (b) =>
      b
        .menopause('post', { code: '76498008' })
        .hpv('negative', { yearsAgo: 8 })
        .hpv('negative', { yearsAgo: 3 })
        .pcbCondition({ weeksAgo: 1 }),
  },
  {
    id: 'V55',
    mode: 'UK',
    description: '[UK mode] 40 F; HPV-primary neg 4 y ago (UK 25–49: 3-yearly) → due; NAAT neg 1 mo; hCG neg',
    expectedRules: ['PCB-10', 'PCB-11'],
    highestIndicator: 'info',
    encodingNotes: [
      NOTE_PRE_DEFAULT,
      'HPV-primary = hrHPV 30167-1 negative, no cytology (HPV-negative samples get no reflex cytology).',
      'Relative dating: "4 y ago" lies before 1 Jul 2025 (3-yearly interval applies) only while today < 2029-07-01; later, UK rules give a 5-yearly interval and PCB-11 would not fire.',
      NOTE_NAAT,
    ],
    age: 40,
    facts: (b) =>
      b
        .menopause('pre')
        .pcbCondition({ weeksAgo: 1 })
        .hpv('negative', { yearsAgo: 4 })
        .naat('ct-ng', 'negative', { monthsAgo: 1 })
        .hcg('negative'),
  },
  {
    id: 'V57',
    mode: 'UK',
    description:
      '[UK mode] 27 F pregnant 22+0 wk; light PCB; RhD pos (UK APH definition starts 24+0, but previa safety threshold kept at 20 wk)',
    expectedRules: ['PCB-32'],
    highestIndicator: 'critical',
    encodingNotes: [
      'No cervical result on record: PCB-32 suppresses PCB-03 and PCB-11 (R2-5).',
      'IMPLIED: CT+NG NAAT negative 1 month ago (antenatal). Without a recent negative NAAT, PCB-13 would fire (UK: test all women with PCB), which the expectation excludes.',
      NOTE_NAAT,
    ],
    age: 27,
    facts: (b) =>
      b
        .pcbCondition({ weeksAgo: 1 })
        .pregnancyStatus('pregnant')
        .gestationalAge({ weeks: 22 })
        .rhD('positive', { weeksAgo: 12 })
        .naat('ct-ng', 'negative', { monthsAgo: 1 }),
  },
  {
    id: 'V59',
    description: '41 F; exam Observation: polyp of cervix 65576009 (benign-appearing); cotest neg 1 y; NAAT neg 1 mo; hCG neg',
    expectedRules: ['PCB-10', 'PCB-18'],
    highestIndicator: 'info',
    encodingNotes: [
      NOTE_PRE_DEFAULT,
      'Polyp = Observation code 65576009 valueBoolean true, today. "benign-appearing" = no lesion 289794001 record.',
      NOTE_NAAT,
    ],
    age: 41,
    facts: (b) =>
      b
        .menopause('pre')
        .pcbCondition({ weeksAgo: 1 })
        .finding('cervical-polyp')
        .cotest('NILM', 'negative', { yearsAgo: 1 })
        .naat('ct-ng', 'negative', { monthsAgo: 1 })
        .hcg('negative'),
  },
  {
    id: 'V61',
    description: '23 F; cytology LSIL 6 mo ago (age 21–24 → repeat cytology at 1 y, no colposcopy); no NAAT',
    expectedRules: ['PCB-10', 'PCB-13', 'PCB-14'],
    highestIndicator: 'info',
    encodingNotes: ['LSIL = SNOMED 62051000119105 (CCSM cytology result).'],
    age: 23,
    facts: (b) => b.pcbCondition({ weeksAgo: 1 }).cytology('LSIL', { monthsAgo: 6 }),
  },
  {
    id: 'V63',
    mode: 'UK',
    description: '[UK mode] 34 F HIV (B20); cytology NILM 2 y; NAAT neg 1 mo; hCG neg (UK: annual screening with HIV)',
    expectedRules: ['PCB-10', 'PCB-11', 'PCB-43'],
    highestIndicator: 'info',
    encodingNotes: [
      'HIV = active Condition B20 with onset 6 years ago (as V39).',
      'A negative NAAT 1 month ago with no new partner blocks PCB-13 despite HIV.',
      NOTE_NAAT,
    ],
    age: 34,
    facts: (b) =>
      b
        .condition('icd10cm', 'B20', { yearsAgo: 6 })
        .pcbCondition({ weeksAgo: 1 })
        .cytology('NILM', { yearsAgo: 2 })
        .naat('ct-ng', 'negative', { monthsAgo: 1 })
        .hcg('negative'),
  },
  {
    id: 'V64',
    mode: 'UK',
    description: '[UK mode] 15 F; PCB 1 wk; LMP 2 wk; no screening (appropriately), no NAAT',
    expectedRules: ['PCB-10', 'PCB-12', 'PCB-13', 'PCB-14', 'PCB-19'],
    highestIndicator: 'info',
    encodingNotes: [
      'Age 15: under safeguardingAge 18 and the UK safeguardingStrongAge 16, above the mandatory-referral age 13 (PCB-19 info).',
    ],
    age: 15,
    facts: (b) => b.pcbCondition({ weeksAgo: 1 }).lmp({ weeksAgo: 2 }),
  },
  {
    id: 'V74',
    description: '29 F pregnant 10 wk; RhD pos; CT NAAT positive 2 wk ago; cytology NILM 1 y; light PCB',
    expectedRules: ['PCB-10', 'PCB-30'],
    highestIndicator: 'warning',
    encodingNotes: [
      'CT NAAT = chlamydia 53926-2 positive 2 weeks ago (booking), no gonorrhoea result; RhD positive from the same booking visit.',
      'Revision 2 (R2-23): a positive NAAT < 4 weeks ago blocks the PCB-13 retest, in pregnancy too.',
      '"light PCB" = the default N93.0 Condition 1 week ago, no heavy-bleeding record.',
    ],
    age: 29,
    facts: (b) =>
      b
        .pcbCondition({ weeksAgo: 1 })
        .pregnancyStatus('pregnant')
        .gestationalAge({ weeks: 10 })
        .rhD('positive', { weeksAgo: 2 })
        .naat('chlamydia', 'positive', { weeksAgo: 2 })
        .cytology('NILM', { yearsAgo: 1 }),
  },
  {
    id: 'V75',
    description: '60 F postmenopausal; TVUS ET 3 mm 60 d ago (before this episode); PCB onset 1 wk; cotest neg 2 y; no NAAT',
    expectedRules: ['PCB-10', 'PCB-20'],
    highestIndicator: 'warning',
    encodingNotes: [
      'TVUS = pcb-facts#endometrial-thickness 3 mm, 60 days ago: before the episode began, so it does not suppress PCB-20 (R2-24).',
    ],
    age: 60,
    facts: (b) =>
      b
        .menopause('post', { code: '76498008' })
        .endometrialThickness(3, { daysAgo: 60 })
        .pcbCondition({ weeksAgo: 1 })
        .cotest('NILM', 'negative', { yearsAgo: 2 }),
  },
  {
    id: 'V78',
    description:
      '30 F; SBP 85 and HR 124 recorded 3 months ago, no vital signs since; light PCB 1 wk; LMP 2 wk; cytology NILM 1 y; no NAAT',
    expectedRules: ['PCB-10', 'PCB-13', 'PCB-14'],
    highestIndicator: 'info',
    encodingNotes: [
      'Vital signs = standalone Observations SBP 8480-6 = 85 mm[Hg] and HR 8867-4 = 124 /min, 3 months ago: outside acuteFindingHours (R2-20), so no instability.',
    ],
    age: 30,
    facts: (b) =>
      b
        .vitals({ systolic: 85, heartRate: 124, monthsAgo: 3 })
        .pcbCondition({ weeksAgo: 1 })
        .lmp({ weeksAgo: 2 })
        .cytology('NILM', { yearsAgo: 1 }),
  },
];

function toVignette(spec: VignetteSpec): PublishedVignette {
  return {
    id: spec.id,
    patientId: vignettePatientId(spec.id),
    mode: spec.mode ?? 'US',
    description: spec.description,
    expectedRules: spec.expectedRules,
    highestIndicator: spec.highestIndicator,
    encodingNotes: spec.encodingNotes ?? [],
    bundle: (today: Date = new Date()) => spec.facts(startVignette(spec, today)).build(),
  };
}

/** The 47 published vignettes of pcb-guideline.md §5 (revision 2), in table order. */
export const PUBLISHED_VIGNETTES: readonly PublishedVignette[] = SPECS.map(toVignette);

/** One vignette by id (throws for an unknown id). */
export function publishedVignette(id: VignetteId): PublishedVignette {
  const found = PUBLISHED_VIGNETTES.find((v) => v.id === id);
  if (found === undefined) {
    throw new Error(`No published vignette ${id}`);
  }
  return found;
}
