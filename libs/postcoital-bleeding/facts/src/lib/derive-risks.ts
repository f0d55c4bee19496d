import { latest, withinMonths } from './dates';
import type { GuidelineParameters } from './guideline-parameters';
import type { PatientRecord, RiskKind } from './patient-record';
import type { RiskFacts } from './postcoital-bleeding-facts';

/** §1 meds/risks. The record holds only active medications and active risk diagnoses. */
export function deriveRisks(record: PatientRecord, p: GuidelineParameters): RiskFacts {
  const of = (...kinds: RiskKind[]): PatientRecord['risks'][number] | undefined =>
    latest(record.risks.filter((r) => kinds.includes(r.kind)));
  const cancer = latest(record.cervicalHistory.filter((h) => h.kind === 'cancer'));
  // CIN2+ counts for 25 years; cervical cancer for life (§2 PCB-44).
  const cin2 = latest(
    record.cervicalHistory.filter((h) => h.kind === 'cin2-plus' && withinMonths(h.date, p.postCin2SurveillanceYears * 12, record.today)),
  );
  const history = cancer ?? cin2;
  const anticoagulant = of('anticoagulant');
  const hrt = of('hrt');
  return {
    anticoagulant: anticoagulant && { date: anticoagulant.date, display: anticoagulant.display, drugClass: 'unknown' },
    tamoxifen: pick(of('tamoxifen')),
    systemicHrt: hrt && { date: hrt.date, display: hrt.display },
    immunocompromised: pick(of('hiv-or-immunosuppression', 'immunosuppressant')),
    cin2PlusHistory: history && { date: history.date, kind: history.kind === 'cancer' ? 'cancer' : 'cin2-plus' },
    bleedingDisorder: pick(of('bleeding-disorder')),
  };
}

function pick(d: { date: string } | undefined): { date: string } | undefined {
  return d && { date: d.date };
}
