import { earliest, latest, latestOrUndated, withinMonths } from './dates';
import type { GuidelineParameters } from './guideline-parameters';
import type { Dated, PatientRecord, RiskKind } from './patient-record';
import type { RiskFacts } from './postcoital-bleeding-facts';

type Risk = PatientRecord['risks'][number];

/**
 * §1 meds/risks. Medicines count while active; an immunosuppressant also when completed or given
 * within `immunosuppressantRecentMonths` (fact-encoding.md rev 2). HIV, transplant and other
 * immunocompromising conditions count undated. IBD, rheumatoid arthritis and lupus do not make a
 * patient immunocompromised on their own, only together with an active immunosuppressant.
 */
export function deriveRisks(record: PatientRecord, p: GuidelineParameters): RiskFacts {
  const { today } = record;
  const active = (kind: RiskKind): Risk[] => record.risks.filter((r) => r.kind === kind && r.active !== false);
  const dated = (risks: Risk[]): (Risk & Dated)[] => risks.filter((r): r is Risk & Dated => r.date !== undefined);
  const immunosuppressants = record.risks.filter(
    (r) =>
      r.kind === 'immunosuppressant' &&
      (r.active !== false || (r.date !== undefined && withinMonths(r.date, p.immunosuppressantRecentMonths, today))),
  );
  const activeImmunosuppressant = immunosuppressants.some((r) => r.active !== false);
  const hiv = latestOrUndated(record.risks.filter((r) => r.kind === 'hiv'));
  const immunocompromised = latestOrUndated([
    ...(hiv ? [hiv] : []),
    ...record.risks.filter((r) => r.kind === 'immunocompromised'),
    ...immunosuppressants,
    ...(activeImmunosuppressant ? record.risks.filter((r) => r.kind === 'immune-mediated-disease') : []),
  ]);
  const cancer = latestOrUndated(record.cervicalHistory.filter((h) => h.kind === 'cancer'));
  // CIN2+ counts for 25 years, undated CIN2+ as within them; cervical cancer for life (§2 PCB-44).
  const cin2 = latestOrUndated(
    record.cervicalHistory.filter(
      (h) => h.kind === 'cin2-plus' && (h.date === undefined || withinMonths(h.date, p.postCin2SurveillanceYears * 12, today)),
    ),
  );
  const history = cancer ?? cin2;
  // A record that names the drug's class (a prescription) says more than one that does not (Z79.01).
  const anticoagulants = dated(active('anticoagulant'));
  const anticoagulant = latest(anticoagulants.filter((a) => a.drugClass && a.drugClass !== 'unknown')) ?? latest(anticoagulants);
  // The medicine itself names the product (R2-15 PCB-22); a long-term-use diagnosis (Z79.890) does not.
  const hrtMedicines = dated(active('hrt')).filter((r) => r.active === true);
  const hrts = dated(active('hrt'));
  const hrt = latest(hrtMedicines) ?? latest(hrts);
  return {
    anticoagulant: anticoagulant && {
      date: anticoagulant.date,
      display: anticoagulant.display,
      drugClass: anticoagulant.drugClass ?? 'unknown',
    },
    tamoxifen: pick(latest(dated(active('tamoxifen')))),
    systemicHrt: hrt && { date: hrt.date, display: hrt.display, startedOn: earliest(hrts)?.date },
    hiv: hiv && { date: hiv.date },
    immunocompromised: immunocompromised && { date: immunocompromised.date },
    cin2PlusHistory: history && {
      date: history.date,
      kind: history.kind === 'cancer' ? 'cancer' : 'cin2-plus',
      ...(history.display ? { display: history.display } : {}),
    },
    bleedingDisorder: pick(latest(dated(active('bleeding-disorder')))),
  };
}

function pick(d: Dated | undefined): Dated | undefined {
  return d && { date: d.date };
}
