import type { GuidelineParameters } from '@pcb-cds/postcoital-bleeding-facts';
import type { DraftConcern } from '@pcb-cds/postcoital-bleeding-orders';
import type { SourceKey } from '@pcb-cds/postcoital-bleeding-rules';
import { wordsFor } from '@pcb-cds/postcoital-bleeding-rules';

export interface VerdictWording {
  /** The card summary (≤139 characters). */
  summary: (p: GuidelineParameters) => string;
  /**
   * What the guideline says that applies to this draft. The rules' own titles describe when they fire
   * ("Cervical screening not current"), which would misread on a card about a current result.
   */
  guideline: (p: GuidelineParameters) => string;
  /** The source to cite when it is more specific than the rule's primary source. */
  source?: SourceKey;
  /**
   * For a draft that belongs to an emergency happening now (PCB-34, PCB-31 unstable): what it must not be,
   * in a few words (the summary reads "<EMERGENCY|IMMEDIATE>: <summary> — <the emergency's action>"), and
   * the guideline statement that still holds in the emergency (none of the ordinary pathway's timing).
   */
  inEmergency?: (p: GuidelineParameters) => { summary: string; guideline: string };
}

const digitalExamInEmergency = (p: GuidelineParameters): string =>
  `No digital vaginal or bimanual examination while the placental site is unknown, low or ${wordsFor(p).praevia}; sterile speculum only. Ultrasound must not delay resuscitation or delivery.`;

/** What each draft-order card says, by concern, reviewable without reading code (advice and facts come from the orders library). */
export const VERDICT_WORDING: Record<DraftConcern, VerdictWording> = {
  'already-ordered': {
    summary: () => 'Already ordered: this draft duplicates an order on the chart',
    guideline: () => 'The guideline asks for this order once; it is already on the chart.',
  },
  'screening-current': {
    summary: () => 'Cervical screening is current: no repeat cytology or HPV test is due',
    guideline: () =>
      'Cervical cytology/HPV is collected only when screening is not current; after an adequate screening history past the exit age, examine instead. The UK programme never samples outside its interval.',
  },
  'no-cervix': {
    summary: () => 'No cervix after total hysterectomy: no cervical cytology or HPV test',
    guideline: () => 'After total hysterectomy: no routine cervical screening (unless CIN2+ history); examine the vaginal vault.',
  },
  'recent-negative-naat': {
    summary: (p) => `CT/NG NAAT negative within ${p.stiRecentNegativeMonths} months, no new partner: no repeat NAAT needed`,
    guideline: (p) => `No repeat CT/NG NAAT after a negative one within ${p.stiRecentNegativeMonths} months with no new partner since.`,
  },
  'recent-negative-hcg': {
    summary: (p) => `Pregnancy test negative within ${p.hcgRecentDays} days: no repeat needed`,
    guideline: (p) =>
      `A pregnancy test is asked for unless one was negative within ${p.hcgRecentDays} days, and a quantitative hCG for heavy bleeding or instability only on the same terms.`,
  },
  'pregnancy-test-not-indicated': {
    summary: () => 'Pregnancy test not indicated for this patient: no hCG needed',
    guideline: (p) =>
      `A pregnancy test is asked for with a uterus, from ${p.hcgMinAge} to ${p.hcgMaxAge}, before the menopause and not within weeks of a pregnancy ending; heavy bleeding or instability order hCG only on the same terms.`,
  },
  'pregnancy-established': {
    summary: () => 'Pregnancy already established: a pregnancy test adds nothing',
    guideline: () => 'The pregnancy test is for patients not known to be pregnant; a pregnancy is assessed on the pregnancy pathway.',
  },
  'no-uterus': {
    summary: () => 'No uterus on record: no pregnancy test needed',
    guideline: () =>
      'Without a uterus the hCG and endometrial rules do not apply (nor while the type of hysterectomy is unclear and the uterus may be absent).',
  },
  'recent-endometrial-scan': {
    summary: () => 'Transvaginal ultrasound already done during this episode: no repeat scan needed',
    guideline: (p) =>
      `Any transvaginal ultrasound result dated in the current episode of bleeding (within ${p.endometrialThicknessRecentDays} days) ends the ultrasound step; endometrium >${p.endometrialThicknessMm} mm, not visualised, or persistent bleeding → endometrial sampling.`,
  },
  'ecc-in-pregnancy': {
    summary: () => 'No endocervical curettage in pregnancy',
    guideline: () =>
      'Pregnant: colposcopy is still indicated when a result or the cervix calls for it; endocervical curettage and endometrial sampling are unacceptable (ASCCP).',
    source: 'S7',
    inEmergency: () => ({
      summary: 'no endocervical curettage',
      guideline: 'Endocervical curettage and endometrial sampling are unacceptable in pregnancy (ASCCP).',
    }),
  },
  'endometrial-sampling-in-pregnancy': {
    summary: () => 'No endometrial sampling in pregnancy: obstetric assessment instead',
    guideline: () =>
      'Pregnant: endocervical curettage and endometrial sampling are unacceptable (ASCCP); bleeding in pregnancy is assessed obstetrically.',
    inEmergency: () => ({
      summary: 'no endometrial sampling',
      guideline: 'Endocervical curettage and endometrial sampling are unacceptable in pregnancy (ASCCP).',
    }),
  },
  'digital-exam-known-praevia': {
    summary: (p) => `Known placenta ${wordsFor(p).praevia}: no digital or bimanual examination, at any gestation`,
    guideline: (p) =>
      `Known placenta ${wordsFor(p).praevia} (or low-lying placenta): never a digital vaginal examination, whatever the gestation; sterile speculum only; same-day obstetric assessment of any bleeding, an emergency now if it is heavy, painful or she is unstable.`,
    inEmergency: (p) => ({
      summary: `known placenta ${wordsFor(p).praevia}, no digital or bimanual exam`,
      guideline: digitalExamInEmergency(p),
    }),
  },
  'digital-exam-before-placenta-known': {
    summary: (p) =>
      `Pregnant ≥${p.obTriageWeeks} weeks: no digital or bimanual exam until ultrasound excludes placenta ${wordsFor(p).praevia}`,
    guideline: (p) =>
      `Pregnant at ≥${p.obTriageWeeks} weeks: same-day obstetric triage; NO digital vaginal examination until ultrasound has excluded placenta/vasa ${wordsFor(p).praevia}; sterile speculum acceptable. Heavy bleeding, pain or instability: obstetric emergency now.`,
    inEmergency: (p) => ({ summary: 'no digital or bimanual exam', guideline: digitalExamInEmergency(p) }),
  },
  'digital-exam-gestation-unknown': {
    summary: () => 'Pregnant, gestation unknown: no digital exam until gestation and placental site are known',
    guideline: (p) =>
      `Pregnant with gestational age unknown: sterile speculum only; no digital or bimanual examination until gestation and placental site are known by ultrasound; from ${p.obTriageWeeks} weeks, same-day obstetric triage.`,
    inEmergency: (p) => ({ summary: 'no digital or bimanual exam', guideline: digitalExamInEmergency(p) }),
  },
  'under-screening-age': {
    summary: (p) => `Under ${p.screenMinAge}: no cytology or HPV test; examine, NAAT and pregnancy test instead`,
    guideline: (p) =>
      `Under ${p.screenMinAge}: no cytology/HPV, but examination, CT/NG NAAT and hCG are still required; a suspicious cervix → colposcopy.`,
  },
  'hpv-under-cotest-age': {
    summary: (p) => `Under ${p.hpvFromAge}: no hrHPV cotest; screen with cytology alone`,
    guideline: (p) => `Collect cervical cytology when screening is not current; add hrHPV (cotest) from age ${p.hpvFromAge} (USPSTF).`,
  },
  'abnormal-result-needs-colposcopy': {
    summary: () => 'Abnormal result awaiting colposcopy: refer, do not repeat cervical testing',
    guideline: () =>
      'A result at the ASCCP colposcopy threshold with no colposcopy since → colposcopy; cytology is not repeated meanwhile.',
  },
};
