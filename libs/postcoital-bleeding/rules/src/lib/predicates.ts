import type { GuidelineParameters, PostcoitalBleedingFacts } from '@pcb-cds/postcoital-bleeding-facts';
import { withinDays, withinMonths } from '@pcb-cds/postcoital-bleeding-facts';
import { predicate } from './condition';

// The guideline's conditions, each named once with the words a clinician reads and the section that
// states it. Rules compose them (condition.ts); the order hooks call the plain functions.

type F = PostcoitalBleedingFacts;
type P = GuidelineParameters;

export const isPregnant = (f: F): boolean => f.pregnancy.status === 'yes';

/**
 * PCB-32/34: pregnant at or beyond the obstetric-triage gestation, or with known placenta praevia at
 * any gestation (R2-17). A pregnancy of concern (ectopic, molar, failed) is treated as < 20 weeks (R2-25).
 */
export const isLatePregnancy = (f: F, p: P): boolean =>
  isPregnant(f) &&
  !f.pregnancy.ofConcern &&
  (Boolean(f.pregnancy.placentaPraevia) ||
    (f.pregnancy.gestationalAgeWeeks !== undefined && f.pregnancy.gestationalAgeWeeks >= p.obTriageWeeks));

/** PCB-30/31: pregnant before the triage gestation, or gestation unknown, with no known praevia. */
export const isEarlyOrUndatedPregnancy = (f: F, p: P): boolean => isPregnant(f) && !isLatePregnancy(f, p);

/** R2-4: pregnant, gestation unknown (a pregnancy of concern is early by definition). */
export const isUndatedPregnancy = (f: F): boolean =>
  isPregnant(f) && !f.pregnancy.ofConcern && f.pregnancy.gestationalAgeWeeks === undefined && !f.pregnancy.placentaPraevia;

/** Age rules with no birth date: assume an adult of screening age, the choice that withholds no work-up. */
export const ageOrAdult = (f: F, p: P): number => f.ageYears ?? p.screenMinAge + 9;

/** PCB-31/34 "instability" (SBP < 90, HR > 110 from current vital signs, or syncope). */
export const isUnstable = (f: F): boolean => Boolean(f.redFlags.unstable || f.redFlags.syncope);

/** PCB-31/50 "heavy bleeding or haemodynamic instability". */
export const isHeavyOrUnstable = (f: F): boolean => Boolean(f.redFlags.heavyBleeding) || isUnstable(f);

/** HR/SBP from the current readings, when both exist. */
export const shockIndex = (f: F): number | undefined => {
  const { heartRate, systolicBp } = f.vitalSigns ?? {};
  return heartRate && systolicBp && systolicBp.value > 0 ? heartRate.value / systolicBp.value : undefined;
};

/**
 * R2-29 PCB-54: more than one abnormal number — syncope; or (SBP < 90 or HR > 110) with heavy bleeding;
 * or SBP < 90 and HR > 110; or shock index ≥ 1.0. Current findings only (the facts hold only those, R2-20).
 */
export const isHaemodynamicallyUnstable = (f: F, p: P): boolean => {
  const { systolicBp, heartRate } = f.vitalSigns ?? {};
  const low = systolicBp !== undefined && systolicBp.value < p.unstableSystolicBelow;
  const fast = heartRate !== undefined && heartRate.value > p.unstableHeartRateAbove;
  const index = shockIndex(f);
  return (
    Boolean(f.redFlags.syncope) ||
    ((low || fast) && Boolean(f.redFlags.heavyBleeding)) ||
    (low && fast) ||
    (index !== undefined && index >= p.shockIndexAtLeast)
  );
};

/** PCB-13 exclusion: negative CT/NG NAAT within the recent window and no new partner since. */
export const hasRecentNegativeNaat = (f: F, p: P): boolean => {
  const last = f.sti.lastNaat;
  return Boolean(
    last &&
      last.result === 'negative' &&
      withinMonths(last.date, p.stiRecentNegativeMonths, f.today) &&
      !(f.sti.newPartner && f.sti.newPartner.date > last.date),
  );
};

/** PCB-11/12/03 screening-age band by jurisdiction (US: ≥21; UK: 25–64). */
export const inScreeningAgeBand = (f: F, p: P): boolean => {
  const age = ageOrAdult(f, p);
  return age >= p.screenMinAge && (p.jurisdiction === 'US' || age <= p.screenMaxAge);
};

/** Pregnancy ended within `postPregnancyWeeks` (hCG can stay positive; bleeding may be postpartum). */
export const endedRecently = (f: F, p: P): boolean =>
  f.pregnancy.ended !== undefined && f.pregnancy.ended.weeksSince <= p.postPregnancyWeeks;

/**
 * PCB-14's conditions: uterus, age 12–55, not postmenopausal, not known pregnant, no negative hCG
 * within 7 days, not within 6 weeks of a pregnancy ending. R2-3: PCB-50/54 order hCG only where these hold.
 */
export const isPregnancyTestIndicated = (f: F, p: P): boolean => {
  const age = ageOrAdult(f, p);
  return (
    f.hasCorpus &&
    age >= p.hcgMinAge &&
    age <= p.hcgMaxAge &&
    f.menopause.status !== 'post' &&
    f.pregnancy.status !== 'yes' &&
    !f.pregnancy.recentNegativeTest &&
    !endedRecently(f, p)
  );
};

/** Any transvaginal ultrasound result dated on or after the start of the current episode and within 90 days (R2-8, R2-24). */
export const hasEpisodeScan = (f: F, p: P): boolean => {
  const scan = f.endometrialThickness;
  return Boolean(
    scan && withinDays(scan.date, p.endometrialThicknessRecentDays, f.today) && (f.pcb.start === undefined || scan.date >= f.pcb.start),
  );
};

// ---- Named predicates for rule conditions (docs/clinical-logic.md describes each) ----

export const PREDICATES = {
  hasCervix: predicate('hasCervix', '§1 hyst', 'cervix present (no total hysterectomy)', (f) => f.hasCervix),
  hasUterus: predicate('hasUterus', '§1 hyst', 'uterus present (no hysterectomy)', (f) => f.hasCorpus),
  pregnant: predicate('pregnant', '§1 pregnant', 'pregnant', isPregnant),
  latePregnancy: predicate(
    'latePregnancy',
    'PCB-32, R2-17',
    (p) => `pregnant at ≥${p.obTriageWeeks} weeks or with known placenta praevia`,
    isLatePregnancy,
  ),
  earlyOrUndatedPregnancy: predicate(
    'earlyOrUndatedPregnancy',
    'PCB-30, R2-25',
    (p) => `pregnant at <${p.obTriageWeeks} weeks or gestation unknown, no known praevia`,
    isEarlyOrUndatedPregnancy,
  ),
  heavyBleeding: predicate(
    'heavyBleeding',
    'R2-20',
    (p) => `heavy bleeding within ${p.acuteSymptomHours} h`,
    (f) => Boolean(f.redFlags.heavyBleeding),
  ),
  pelvicPain: predicate(
    'pelvicPain',
    'R2-20',
    (p) => `acute pelvic/abdominal pain within ${p.acuteSymptomHours} h`,
    (f) => Boolean(f.redFlags.pelvicPain),
  ),
  fever: predicate(
    'fever',
    '§1 fever',
    (p) => `fever (≥${p.feverCelsius} °C or recorded) within ${p.acuteSymptomHours} h`,
    (f) => Boolean(f.redFlags.fever),
  ),
  unstable: predicate(
    'unstable',
    'PCB-31, R2-20',
    (p) => `instability (current SBP <${p.unstableSystolicBelow} or HR >${p.unstableHeartRateAbove}, or syncope)`,
    isUnstable,
  ),
  haemodynamicallyUnstable: predicate(
    'haemodynamicallyUnstable',
    'PCB-54, R2-29',
    (p) =>
      `haemodynamic instability (syncope; or SBP <${p.unstableSystolicBelow} or HR >${p.unstableHeartRateAbove} with heavy bleeding; or both; or shock index HR/SBP ≥${p.shockIndexAtLeast})`,
    isHaemodynamicallyUnstable,
  ),
  pregnancyTestIndicated: predicate(
    'pregnancyTestIndicated',
    'PCB-14',
    (p) =>
      `uterus AND age ${p.hcgMinAge}–${p.hcgMaxAge} AND not postmenopausal AND not known pregnant AND no negative hCG ≤${p.hcgRecentDays} d AND not ≤${p.postPregnancyWeeks} wk after a pregnancy ended`,
    isPregnancyTestIndicated,
  ),
  postmenopausal: predicate('postmenopausal', '§1 menopause', 'postmenopausal', (f) => f.menopause.status === 'post'),
  tamoxifen: predicate('tamoxifen', '§1 meds', 'on tamoxifen', (f) => Boolean(f.risks.tamoxifen)),
  inScreeningAgeBand: predicate(
    'inScreeningAgeBand',
    'PCB-03/11',
    (p) => `age ≥${p.screenMinAge}${p.jurisdiction === 'UK' ? `–${p.screenMaxAge}` : ''} (UK 25–64)`,
    inScreeningAgeBand,
  ),
} as const;
