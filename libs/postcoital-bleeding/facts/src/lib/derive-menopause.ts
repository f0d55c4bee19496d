import { addMonths, latest } from './dates';
import type { GuidelineParameters } from './guideline-parameters';
import type { PatientRecord } from './patient-record';
import type { MenopauseFacts } from './postcoital-bleeding-facts';

/**
 * §1 `menopause`, in the guideline's order: a recorded status or diagnosis; then LMP (≥12 months
 * ago over 45 → post, NICE NG23; within 12 months → pre); then age (≥56 assumed post, <40 pre);
 * otherwise unknown (PCB-02). Hormonal contraception, which makes LMP unreliable, has no encoding in
 * fact-encoding.md yet, so it cannot be excluded here.
 */
export function deriveMenopause(record: PatientRecord, p: GuidelineParameters, ageYears?: number): MenopauseFacts {
  const { today } = record;
  const recorded = latest(record.menopausalStatus.filter((m) => m.source === 'observation'));
  if (recorded) {
    return { status: recorded.value, basis: 'recorded', date: recorded.date };
  }
  const diagnosis = latest(record.menopausalStatus.filter((m) => m.source === 'condition'));
  if (diagnosis) {
    return { status: diagnosis.value, basis: 'diagnosis', date: diagnosis.date };
  }
  const lmp = latest(record.lastMenstrualPeriod);
  if (lmp) {
    const amenorrhoea = addMonths(lmp.value, p.amenorrhoeaMonths) <= today;
    if (!amenorrhoea) {
      return { status: 'pre', basis: 'last-menstrual-period', date: lmp.value };
    }
    if (ageYears !== undefined && ageYears > p.amenorrhoeaMinAge) {
      return { status: 'post', basis: 'last-menstrual-period', date: lmp.value };
    }
  }
  if (ageYears === undefined) {
    return { status: 'unknown', basis: 'no-data' };
  }
  if (ageYears >= p.assumePostmenopausalAge) {
    return { status: 'post', basis: 'assumed-from-age' };
  }
  if (ageYears < p.menopauseUnknownFromAge) {
    return { status: 'pre', basis: 'age' };
  }
  return { status: 'unknown', basis: 'no-data' };
}
