import { latest, withinMonths } from './dates';
import type { GuidelineParameters } from './guideline-parameters';
import type { PatientRecord } from './patient-record';
import type { RiskFacts, ScreeningFacts } from './postcoital-bleeding-facts';

interface Currency {
  current: boolean;
  reason: string;
  schedule: ScreeningFacts['schedule'];
}

/**
 * §1 `screenCurrent` for a patient whose latest result is normal, by schedule: post-CIN2+ and
 * immunocompromised schedules first (they are stricter and lifelong), then the exit after 65, then
 * the average-risk intervals by age (US), or the NHS programme intervals (UK; yearly for women living
 * with HIV, R2-13).
 */
export function screeningCurrency(
  record: PatientRecord,
  p: GuidelineParameters,
  patient: { ageYears?: number; risks: RiskFacts; adequatelyScreenedOut: boolean },
): Currency {
  const { today } = record;
  const age = patient.ageYears ?? 0;
  const normalCytology = record.cytology.filter((c) => c.result === 'NILM');
  const negativeHpv = record.hpv.filter((h) => h.result === 'negative');
  const lastCytology = latest(normalCytology);
  const lastHpv = latest(negativeHpv);
  const within = (d: { date: string } | undefined, months: number): boolean => Boolean(d && withinMonths(d.date, months, today));

  if (p.jurisdiction === 'UK') {
    const last = latest([...normalCytology, ...negativeHpv]);
    if (patient.risks.hiv) {
      const months = p.ukHivScreeningMonths;
      return {
        current: within(last, months),
        reason: `living with HIV: NHS programme screening every ${months / 12} year`,
        schedule: 'nhs-programme',
      };
    }
    const extended = lastHpv !== undefined && lastHpv === last && lastHpv.date >= p.ukExtendedIntervalFrom;
    const months = age >= p.ukOlderFromAge || extended ? p.ukOlderIntervalMonths : p.ukYoungerIntervalMonths;
    return { current: within(last, months), reason: `NHS programme interval ${months / 12} years`, schedule: 'nhs-programme' };
  }
  const cin2 = patient.risks.cin2PlusHistory;
  // Undated CIN2+ history counts as within the 25 years (fact-encoding.md "Caveats"); with no date,
  // no negative test can be shown to follow it, so the yearly interval applies.
  const cin2Date = cin2?.date;
  if (cin2 && (cin2.kind === 'cancer' || !cin2Date || withinMonths(cin2Date, p.postCin2SurveillanceYears * 12, today))) {
    const negativesSince = cin2Date ? negativeHpv.filter((h) => h.date >= cin2Date).length : 0;
    const months = negativesSince >= 3 ? p.postCin2HpvAfterThreeNegativeMonths : p.postCin2HpvMonths;
    const when = cin2Date ?? 'date not recorded';
    return {
      current: within(lastHpv, months),
      reason: `after CIN2+ (${when}) HPV-based testing every ${months / 12} year(s)`,
      schedule: 'post-cin2',
    };
  }
  if (patient.risks.immunocompromised) {
    const annualNormals = normalCytology.filter((c) => withinMonths(c.date, 36, today)).length;
    const cytologyMonths = annualNormals >= 3 ? p.immunocompromisedCytologyAfterThreeNormalMonths : p.immunocompromisedCytologyMonths;
    const cotestCurrent =
      age >= p.hpvFromAge && within(lastHpv, p.immunocompromisedCotestMonths) && within(lastCytology, p.immunocompromisedCotestMonths);
    return {
      current: within(lastCytology, cytologyMonths) || cotestCurrent,
      reason: `immunocompromised: cytology every ${cytologyMonths / 12} year(s)${age >= p.hpvFromAge ? ' or cotest every 3 years' : ''}, lifelong`,
      schedule: 'immunocompromised',
    };
  }
  if (age > p.screenMaxAge && patient.adequatelyScreenedOut) {
    return { current: true, reason: `adequately screened before exit at ${p.screenMaxAge}`, schedule: 'adequately-screened-over-65' };
  }
  if (age >= p.hpvFromAge) {
    return {
      current: within(lastCytology, p.cytologyIntervalMonths) || within(lastHpv, p.hpvIntervalMonths),
      reason: `at age ${age}: cytology every ${p.cytologyIntervalMonths / 12} years or HPV/cotest every ${p.hpvIntervalMonths / 12} years`,
      schedule: 'average-risk',
    };
  }
  return {
    current: within(lastCytology, p.cytologyIntervalMonths),
    reason: `at age ${age}: cytology every ${p.cytologyIntervalMonths / 12} years`,
    schedule: 'average-risk',
  };
}
