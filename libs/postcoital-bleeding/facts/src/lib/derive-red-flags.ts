import { evaluationInstant, latest, withinDays, withinHours } from './dates';
import type { GuidelineParameters } from './guideline-parameters';
import type { Dated, FindingKind, PatientRecord, SymptomKind, VitalKind } from './patient-record';
import type { RedFlagFacts, VitalSignFacts } from './postcoital-bleeding-facts';

type Vital = PatientRecord['vitals'][number];

/**
 * §1 red flags. R2-20: acute findings are current findings: each vital sign is its most recent value
 * and counts only within `acuteFindingHours`; heavy bleeding, pain, fever and syncope only within
 * `acuteSymptomHours`. Chronic findings (discharge, weight loss, intermenstrual bleeding, exam
 * findings) count for the episode's look-back. Chronic pain never reaches `pelvic-pain`: the
 * terminology does not map it there.
 */
export function deriveRedFlags(record: PatientRecord, p: GuidelineParameters): { redFlags: RedFlagFacts; vitalSigns: VitalSignFacts } {
  const { today } = record;
  const now = evaluationInstant(today, record.now);
  const acute = (kind: SymptomKind): Dated | undefined =>
    pick(latest(record.symptoms.filter((s) => s.kind === kind && withinHours(s, p.acuteSymptomHours, now))));
  const chronic = (kind: SymptomKind): Dated | undefined =>
    pick(latest(record.symptoms.filter((s) => s.kind === kind && withinDays(s.date, p.lookbackDays, today))));
  const finding = (kind: FindingKind): Dated | undefined =>
    pick(latest(record.findings.filter((f) => f.kind === kind && withinDays(f.date, p.lookbackDays, today))));
  const vital = (kind: VitalKind): (Dated & { value: number }) | undefined => {
    const last = latestVital(record.vitals.filter((v) => v.kind === kind));
    return last && withinHours(last, p.acuteFindingHours, now) ? { date: last.date, value: last.value } : undefined;
  };
  const vitalSigns: VitalSignFacts = {
    systolicBp: vital('systolic'),
    heartRate: vital('heart-rate'),
    temperatureC: vital('temperature'),
  };
  const { systolicBp: sbp, heartRate: hr, temperatureC: temperature } = vitalSigns;
  const lowPressure = sbp && sbp.value < p.unstableSystolicBelow ? sbp : undefined;
  const tachycardia = hr && hr.value > p.unstableHeartRateAbove ? hr : undefined;
  const unstable = lowPressure ?? tachycardia;
  const feverSymptom = acute('fever');
  const feverReading = temperature && temperature.value >= p.feverCelsius ? temperature : undefined;

  const redFlags: RedFlagFacts = {
    heavyBleeding: acute('heavy-bleeding'),
    unstable: unstable && {
      date: unstable.date,
      reason: lowPressure ? `SBP ${lowPressure.value} mmHg` : `HR ${tachycardia?.value} /min`,
    },
    pelvicPain: acute('pelvic-pain'),
    fever: feverReading
      ? { date: feverReading.date, reason: `temperature ${feverReading.value} °C` }
      : feverSymptom && { date: feverSymptom.date, reason: 'fever recorded' },
    discharge: chronic('discharge'),
    syncope: acute('syncope'),
    weightLoss: chronic('weight-loss'),
    intermenstrualBleeding: chronic('intermenstrual-bleeding'),
    cervicalLesion: finding('cervical-lesion'),
    vaginalLesion: finding('vaginal-lesion'),
    cervicitis: finding('cervicitis'),
    cervicalPolyp: finding('cervical-polyp'),
    ectropion: finding('ectropion'),
    vaultProlapse: finding('vault-prolapse'),
    pelvicMass: finding('pelvic-mass'),
  };
  return { redFlags, vitalSigns };
}

/** The most recent reading, by its time when it has one (several readings a day are common). */
function latestVital(vitals: Vital[]): Vital | undefined {
  const moment = (v: Vital): string => v.at ?? `${v.date}T00:00:00Z`;
  let best: Vital | undefined;
  for (const v of vitals) {
    if (!best || Date.parse(moment(v)) > Date.parse(moment(best))) {
      best = v;
    }
  }
  return best;
}

function pick(d: Dated | undefined): Dated | undefined {
  return d && { date: d.date };
}
