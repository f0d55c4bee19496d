import { latest, withinDays } from './dates';
import type { GuidelineParameters } from './guideline-parameters';
import type { Dated, FindingKind, PatientRecord, SymptomKind } from './patient-record';
import type { RedFlagFacts } from './postcoital-bleeding-facts';

/**
 * §1 red flags. Acute flags (heavy bleeding, pain, fever, syncope, vital signs) count only when
 * recent (see `acuteSymptomDays`); chronic ones (discharge, weight loss, intermenstrual bleeding,
 * exam findings) for the whole look-back of the episode.
 */
export function deriveRedFlags(record: PatientRecord, p: GuidelineParameters): RedFlagFacts {
  const { today } = record;
  const symptom = (kind: SymptomKind, days: number): Dated | undefined =>
    pick(latest(record.symptoms.filter((s) => s.kind === kind && withinDays(s.date, days, today))));
  const finding = (kind: FindingKind): Dated | undefined =>
    pick(latest(record.findings.filter((f) => f.kind === kind && withinDays(f.date, p.lookbackDays, today))));
  const vital = (kind: PatientRecord['vitals'][number]['kind']): PatientRecord['vitals'][number] | undefined => {
    const last = latest(record.vitals.filter((v) => v.kind === kind));
    return last && withinDays(last.date, p.vitalSignsDays, today) ? last : undefined;
  };
  const sbp = vital('systolic');
  const hr = vital('heart-rate');
  const temperature = vital('temperature');
  const lowPressure = sbp && sbp.value < p.unstableSystolicBelow ? sbp : undefined;
  const tachycardia = hr && hr.value > p.unstableHeartRateAbove ? hr : undefined;
  const unstable = lowPressure ?? tachycardia;
  const feverSymptom = symptom('fever', p.acuteSymptomDays);
  const feverReading = temperature && temperature.value >= p.feverCelsius ? temperature : undefined;

  return {
    heavyBleeding: symptom('heavy-bleeding', p.acuteSymptomDays),
    unstable: unstable && {
      date: unstable.date,
      reason: lowPressure ? `systolic BP ${lowPressure.value} mmHg` : `heart rate ${tachycardia?.value} /min`,
    },
    pelvicPain: symptom('pelvic-pain', p.acuteSymptomDays),
    fever: feverReading
      ? { date: feverReading.date, reason: `temperature ${feverReading.value} °C` }
      : feverSymptom && { date: feverSymptom.date, reason: 'fever recorded' },
    discharge: symptom('discharge', p.lookbackDays),
    syncope: symptom('syncope', p.acuteSymptomDays),
    weightLoss: symptom('weight-loss', p.lookbackDays),
    intermenstrualBleeding: symptom('intermenstrual-bleeding', p.lookbackDays),
    cervicalLesion: finding('cervical-lesion'),
    cervicalPolyp: finding('cervical-polyp'),
    ectropion: finding('ectropion'),
    vaultProlapse: finding('vault-prolapse'),
    pelvicMass: finding('pelvic-mass'),
  };
}

function pick(d: Dated | undefined): Dated | undefined {
  return d && { date: d.date };
}
