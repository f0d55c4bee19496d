import type { SourceKey } from '@pcb-cds/postcoital-bleeding-cards';
import type { GuidelineParameters } from '@pcb-cds/postcoital-bleeding-facts';
import type { DraftConcern } from '@pcb-cds/postcoital-bleeding-orders';

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
}

/** What each draft-order card says, by concern, reviewable without reading code (advice and facts come from the orders library). */
export const VERDICT_WORDING: Record<DraftConcern, VerdictWording> = {
  'already-ordered': {
    summary: () => 'Already ordered: this draft duplicates an order on the chart',
    guideline: () => 'The guideline asks for this order once; it is already on the chart.',
  },
  'screening-current': {
    summary: () => 'Cervical screening is current: no repeat cytology or HPV test is due',
    guideline: () =>
      'Cervical cytology/HPV is collected only when screening is not current (PCB-11); after an adequate screening history past the exit age, examine instead (PCB-42). The UK programme never samples outside its interval.',
  },
  'no-cervix': {
    summary: () => 'No cervix after total hysterectomy: no cervical cytology or HPV test',
    guideline: () => 'After total hysterectomy: no routine cervical screening (unless CIN2+ history); examine the vaginal vault (PCB-40).',
  },
  'recent-negative-naat': {
    summary: (p) => `CT/NG NAAT negative within ${p.stiRecentNegativeMonths} months, no new partner: no repeat NAAT needed`,
    guideline: (p) => `No repeat CT/NG NAAT after a negative one within ${p.stiRecentNegativeMonths} months with no new partner since (PCB-13).`,
  },
  'recent-negative-hcg': {
    summary: (p) => `Pregnancy test negative within ${p.hcgRecentDays} days: no repeat needed`,
    guideline: (p) => `A pregnancy test is asked for unless one was negative within ${p.hcgRecentDays} days (PCB-14).`,
  },
  'pregnancy-established': {
    summary: () => 'Pregnancy already established: a pregnancy test adds nothing',
    guideline: () => 'The pregnancy test is for patients not known to be pregnant (PCB-14); pregnancy follows the pregnancy pathway (PCB-30…33).',
  },
  'no-uterus': {
    summary: () => 'No uterus on record: no pregnancy test needed',
    guideline: () => 'Without a uterus the hCG and endometrial rules do not apply (PCB-40, PCB-41; PCB-04 while the hysterectomy type is unclear).',
  },
  'recent-endometrial-scan': {
    summary: (p) => `Endometrial thickness measured within ${p.endometrialThicknessRecentDays} days: no repeat ultrasound needed`,
    guideline: (p) => `Ultrasound is asked for unless endometrial thickness ≤${p.endometrialThicknessMm} mm was measured within ${p.endometrialThicknessRecentDays} days (PCB-20); persistent bleeding or a thick endometrium → sampling (PCB-21).`,
  },
  'ecc-in-pregnancy': {
    summary: () => 'No endocervical curettage in pregnancy: colposcopy without ECC instead',
    guideline: () => 'Pregnant: colposcopy is still indicated; endocervical curettage and endometrial sampling are unacceptable (PCB-16; ASCCP).',
    source: 'S7',
  },
  'endometrial-sampling-in-pregnancy': {
    summary: () => 'No endometrial sampling in pregnancy: obstetric assessment instead',
    guideline: () =>
      'Pregnant: endocervical curettage and endometrial sampling are unacceptable (PCB-16; ASCCP); bleeding in pregnancy is assessed obstetrically (PCB-30/31/32).',
  },
  'digital-exam-before-placenta-known': {
    summary: (p) => `Pregnant ≥${p.obTriageWeeks} weeks: no digital or bimanual exam until ultrasound excludes placenta praevia`,
    guideline: (p) => `Pregnant at ≥${p.obTriageWeeks} weeks: same-day obstetric triage; NO digital vaginal examination until ultrasound has excluded placenta/vasa praevia; sterile speculum acceptable (PCB-32).`,
  },
  'digital-exam-gestation-unknown': {
    summary: () => 'Pregnant, gestation unknown: date the pregnancy by ultrasound before any digital exam',
    guideline: (p) => `Pregnant with gestational age unknown: establish it before any digital examination; if ≥${p.obTriageWeeks} weeks → PCB-32 (PCB-30).`,
  },
  'under-screening-age': {
    summary: (p) => `Under ${p.screenMinAge}: no cytology or HPV test; examine, NAAT and pregnancy test instead`,
    guideline: (p) => `Under ${p.screenMinAge}: no cytology/HPV, but examination, CT/NG NAAT and hCG are still required; a suspicious cervix → colposcopy (PCB-12).`,
  },
  'hpv-under-cotest-age': {
    summary: (p) => `Under ${p.hpvFromAge}: no hrHPV cotest; screen with cytology alone`,
    guideline: (p) => `Collect cervical cytology when screening is not current; add hrHPV (cotest) from age ${p.hpvFromAge} (PCB-11, USPSTF).`,
  },
  'abnormal-result-needs-colposcopy': {
    summary: () => 'Abnormal result awaiting colposcopy: refer, do not repeat cervical testing',
    guideline: () => 'A result at the ASCCP colposcopy threshold with no colposcopy since → colposcopy (PCB-16); cytology is not repeated meanwhile (PCB-11).',
  },
};
