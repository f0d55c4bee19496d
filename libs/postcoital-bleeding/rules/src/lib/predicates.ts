import type { GuidelineParameters, PostcoitalBleedingFacts } from '@pcb-cds/postcoital-bleeding-facts';
import { withinMonths } from '@pcb-cds/postcoital-bleeding-facts';

// Conditions several rules share; each names the guideline term it implements.

type F = PostcoitalBleedingFacts;
type P = GuidelineParameters;

export const isPregnant = (f: F): boolean => f.pregnancy.status === 'yes';

/** PCB-32: pregnant at or beyond the obstetric-triage gestation. */
export const isLatePregnancy = (f: F, p: P): boolean =>
  isPregnant(f) && f.pregnancy.gestationalAgeWeeks !== undefined && f.pregnancy.gestationalAgeWeeks >= p.obTriageWeeks;

/** PCB-30/31: pregnant before the triage gestation, or gestation unknown. */
export const isEarlyOrUndatedPregnancy = (f: F, p: P): boolean => isPregnant(f) && !isLatePregnancy(f, p);

/** Age rules with no birth date: assume an adult of screening age, the choice that withholds no work-up. */
export const ageOrAdult = (f: F, p: P): number => f.ageYears ?? p.screenMinAge + 9;

/** PCB-31/50 "heavy bleeding or haemodynamic instability" (syncope counts as instability). */
export const isHeavyOrUnstable = (f: F): boolean =>
  Boolean(f.redFlags.heavyBleeding || f.redFlags.unstable || f.redFlags.syncope);

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
