import { addMonths, daysBetween, durationInWords, latest, withinMonths, yearsAgo } from './dates';
import type { GuidelineParameters } from './guideline-parameters';
import type { PatientRecord } from './patient-record';
import type { CervicalTest, RiskFacts, ScreeningFacts } from './postcoital-bleeding-facts';
import { colposcopyThreshold } from './colposcopy-threshold';
import { screeningCurrency } from './screening-currency';

/**
 * §1 `screen` and `screenCurrent`: the latest screening event (cytology and HPV within the cotest
 * window count as one event), whether it is at the colposcopy threshold and unmanaged (PCB-16),
 * and whether screening is current for the patient's schedule.
 */
export function deriveScreening(
  record: PatientRecord,
  p: GuidelineParameters,
  patient: { ageYears?: number; risks: RiskFacts },
): ScreeningFacts {
  const lastCytology = latest(record.cytology);
  const lastHpv = latest(record.hpv);
  const lastColposcopy = latest(record.colposcopy);
  const cotest =
    lastCytology && lastHpv && Math.abs(daysBetween(lastCytology.date, lastHpv.date)) <= p.cotestWindowDays
      ? { date: lastCytology.date > lastHpv.date ? lastCytology.date : lastHpv.date, cytology: lastCytology.result, hpv: lastHpv.result }
      : undefined;
  const event = latestEvent(lastCytology, lastHpv, cotest);
  const immunocompromised = patient.risks.immunocompromised !== undefined;
  const verdict = event
    ? colposcopyThreshold({ cytology: event.cytology, hpv: event.hpv, ageYears: patient.ageYears, immunocompromised })
    : undefined;
  const managed = event && lastColposcopy && lastColposcopy.date >= event.date;
  const atThreshold = verdict === 'colposcopy-urgent' || verdict === 'colposcopy-soon';
  const unmanagedAbnormal = event && atThreshold && !managed ? { ...event, urgent: verdict === 'colposcopy-urgent' } : undefined;
  const adequatelyScreenedOut = isAdequatelyScreened(record, p, patient.risks);

  const base = {
    anyResult: record.cytology.length + record.hpv.length > 0,
    lastCytology,
    lastHpv,
    lastCotest: cotest,
    unmanagedAbnormal,
    adequatelyScreenedOut,
    lastColposcopy,
  };
  if (!event) {
    return { ...base, current: false, currencyReason: 'no cervical cytology or HPV result on record', schedule: 'none' };
  }
  const described = describeEvent(event, record.today);
  if (unmanagedAbnormal) {
    return {
      ...base,
      current: false,
      currencyReason: `${described}: at the colposcopy threshold with no colposcopy since`,
      schedule: 'average-risk',
    };
  }
  if (atThreshold && managed && lastColposcopy) {
    const current = withinMonths(lastColposcopy.date, p.surveillanceMonths, record.today);
    return {
      ...base,
      current,
      currencyReason: `${described}, colposcopy on ${lastColposcopy.date}${current ? '' : ': surveillance overdue'}`,
      schedule: 'average-risk',
    };
  }
  if (verdict === 'surveillance') {
    const current = withinMonths(event.date, p.surveillanceMonths, record.today);
    return {
      ...base,
      current,
      currencyReason: `${described}: below the colposcopy threshold, repeat testing due ${addMonths(event.date, p.surveillanceMonths)}`,
      schedule: 'average-risk',
    };
  }
  if (verdict === 'needs-triage') {
    return {
      ...base,
      current: false,
      currencyReason: `${described}: no valid result, the test needs repeating or triage`,
      schedule: 'average-risk',
    };
  }
  const currency = screeningCurrency(record, p, { ...patient, adequatelyScreenedOut });
  return { ...base, current: currency.current, currencyReason: `${described}: ${currency.reason}`, schedule: currency.schedule };
}

function latestEvent(
  cytology: PatientRecord['cytology'][number] | undefined,
  hpv: PatientRecord['hpv'][number] | undefined,
  cotest: { date: string; cytology: CervicalTest['cytology']; hpv: CervicalTest['hpv'] } | undefined,
): CervicalTest | undefined {
  if (cotest) {
    return cotest;
  }
  const last = latest([...(cytology ? [cytology] : []), ...(hpv ? [hpv] : [])]);
  if (!last) {
    return undefined;
  }
  return last === cytology ? { date: last.date, cytology: cytology?.result } : { date: last.date, hpv: hpv?.result };
}

function describeEvent(e: CervicalTest, today: string): string {
  const parts = [e.cytology && `cytology ${e.cytology}`, e.hpv && `HPV ${e.hpv}`].filter(Boolean).join(' + ');
  const kind = e.cytology && e.hpv ? `Cotest (${parts})` : `Last cervical ${parts}`;
  return `${kind} on ${e.date}, ${timeSinceTest(e.date, today)} ago`;
}

/** Months under two years; beyond, years to one decimal, so "3.4 years" is not read as within a 3-year interval. */
function timeSinceTest(date: string, today: string): string {
  const days = daysBetween(date, today);
  return days < 730 ? durationInWords(days) : `${yearsAgo(date, today)} years`;
}

/** §1 >65 (UK >64) adequately screened: 3 negative cytology or 2 negative HPV-based tests in 10 y, the last ≤5 y ago, no CIN2+ in 25 y. */
function isAdequatelyScreened(record: PatientRecord, p: GuidelineParameters, risks: RiskFacts): boolean {
  const windowMonths = p.adequateScreeningWindowYears * 12;
  const negCytology = record.cytology.filter((c) => c.result === 'NILM' && withinMonths(c.date, windowMonths, record.today));
  const negHpv = record.hpv.filter((h) => h.result === 'negative' && withinMonths(h.date, windowMonths, record.today));
  const last = latest([...negCytology, ...negHpv]);
  const enough = negCytology.length >= 3 || negHpv.length >= 2;
  return Boolean(
    enough && last && withinMonths(last.date, p.adequateScreeningLastWithinYears * 12, record.today) && !risks.cin2PlusHistory,
  );
}
