import type { Coding, Observation } from 'fhir/r4';
import type { CytologyResult, HpvResult, PatientRecord } from '@pcb-cds/postcoital-bleeding-facts';
import type { Terminology, ValueSetName } from '@pcb-cds/postcoital-bleeding-terminology';
import { observationDate, toIsoDate } from './fhir-dates';

/** `k.has(valueSet)`: whether the Observation's code is in that value set (answered once per Observation). */
type CodeKnowledge = { has(valueSet: ValueSetName): boolean };
type Reader = (o: Observation, date: string, codes: Coding[], t: Terminology, r: PatientRecord, k: CodeKnowledge) => boolean;

/**
 * One Observation → the chart, by its code (fact-encoding.md). Each reader claims the Observations
 * of its fact and returns true; the first claim wins. Exam findings and symptoms may arrive either
 * as the Observation code (with valueBoolean true) or as the value of a generic finding Observation.
 */
export function readObservation(o: Observation, t: Terminology, r: PatientRecord): void {
  const date = observationDate(o);
  if (!date || o.status === 'entered-in-error' || o.status === 'cancelled') {
    return;
  }
  const codes = o.code?.coding ?? [];
  const valueSets = t.valueSetsOf(codes);
  const k: CodeKnowledge = { has: (name) => valueSets.has(name) };
  READERS.some((read) => read(o, date, codes, t, r, k));
  readBloodPressureComponents(o, date, t, r);
}

const valueCodes = (o: Observation): Coding[] => o.valueCodeableConcept?.coding ?? [];
/** A finding Observation is "present" unless it says valueBoolean false. */
const affirmed = (o: Observation): boolean => o.valueBoolean !== false;

const READERS: Reader[] = [
  (o, date, codes, t, r, k) =>
    claim(k.has('postcoitalBleeding'), () => affirmed(o) && r.pcb.push({ date, source: 'observation' })),
  (o, date, codes, t, r, k) =>
    claim(k.has('genderIdentity'), () => {
      if (t.inValueSet('genderIdentityWithFemaleTract', valueCodes(o))) {
        r.genderIdentityWithFemaleTract = true;
      }
    }),
  (o, date, codes, t, r, k) =>
    claim(k.has('pregnancyStatus'), () => {
      const answer = t.classify('pregnancyStatusAnswer', valueCodes(o));
      if (answer === 'pregnant' || answer === 'not-pregnant') {
        r.pregnancyEvidence.push({ date, kind: answer === 'pregnant' ? 'status-pregnant' : 'status-not-pregnant' });
      }
    }),
  (o, date, codes, t, r, k) =>
    claim(k.has('gestationalAge'), () => {
      const weeks = toWeeks(o.valueQuantity?.value, o.valueQuantity?.code ?? o.valueQuantity?.unit);
      if (weeks !== undefined) {
        r.gestationalAge.push({ date, weeks });
      }
    }),
  (o, date, codes, t, r, k) =>
    claim(k.has('estimatedDeliveryDate'), () => {
      const value = toIsoDate(o.valueDateTime);
      if (value) {
        r.estimatedDeliveryDate.push({ date, value });
      }
    }),
  (o, date, codes, t, r, k) =>
    claim(k.has('lastMenstrualPeriod'), () => {
      const value = toIsoDate(o.valueDateTime);
      if (value) {
        r.lastMenstrualPeriod.push({ date, value });
      }
    }),
  (o, date, codes, t, r, k) =>
    claim(k.has('hcgQualitative'), () => {
      const result = t.classify('naatResult', valueCodes(o));
      if (result) {
        r.pregnancyEvidence.push({ date, kind: result === 'positive' ? 'hcg-positive' : 'hcg-negative' });
      }
    }),
  (o, date, codes, t, r, k) =>
    claim(k.has('hcgQuantitative'), () => {
      if (typeof o.valueQuantity?.value === 'number') {
        r.hcgQuantitative.push({ date, value: o.valueQuantity.value });
      }
    }),
  (o, date, codes, t, r, k) =>
    claim(k.has('menopausalStatus'), () => {
      const value = t.classify('menopausalStatusValue', valueCodes(o));
      if (value === 'pre' || value === 'peri' || value === 'post') {
        r.menopausalStatus.push({ date, value, source: 'observation' });
      }
    }),
  (o, date, codes, t, r, k) =>
    claim(k.has('cytologyTest'), () =>
      r.cytology.push({ date, result: (t.classify('cytologyResult', valueCodes(o)) ?? 'unknown') as CytologyResult }),
    ),
  (o, date, codes, t, r, k) =>
    claim(k.has('hpvTest'), () =>
      r.hpv.push({ date, result: (t.classify('hpvResult', valueCodes(o)) ?? 'unknown') as HpvResult }),
    ),
  (o, date, codes, t, r, k) => {
    const organism = k.has('ctNgNaat')
      ? 'ct-ng'
      : k.has('chlamydiaNaat')
        ? 'chlamydia'
        : k.has('gonorrheaNaat')
          ? 'gonorrhea'
          : k.has('trichomonasNaat')
            ? 'trichomonas'
            : undefined;
    return claim(organism !== undefined, () => {
      const result = t.classify('naatResult', valueCodes(o));
      if (organism && (result === 'positive' || result === 'negative')) {
        r.stiTests.push({ date, organism, result });
      }
    });
  },
  (o, date, codes, t, r, k) =>
    claim(k.has('newSexualPartner'), () => {
      if (typeof o.valueBoolean === 'boolean') {
        r.newSexualPartner.push({ date, value: o.valueBoolean });
      }
    }),
  (o, date, codes, t, r, k) => claim(k.has('systolicBloodPressure'), () => pushVital(r, date, 'systolic', o.valueQuantity?.value)),
  (o, date, codes, t, r, k) => claim(k.has('heartRate'), () => pushVital(r, date, 'heart-rate', o.valueQuantity?.value)),
  (o, date, codes, t, r, k) =>
    claim(k.has('bodyTemperature'), () =>
      pushVital(r, date, 'temperature', toCelsius(o.valueQuantity?.value, o.valueQuantity?.code ?? o.valueQuantity?.unit)),
    ),
  (o, date, codes, t, r, k) =>
    claim(k.has('rhDType'), () => {
      const value = t.classify('rhDResult', valueCodes(o));
      if (value === 'negative' || value === 'positive') {
        r.rhD.push({ date, value });
      }
    }),
  (o, date, codes, t, r, k) =>
    claim(k.has('endometrialThickness'), () => {
      const mm = toMillimetres(o.valueQuantity?.value, o.valueQuantity?.code ?? o.valueQuantity?.unit);
      if (mm !== undefined) {
        r.endometrialThicknessMm.push({ date, value: mm });
      }
    }),
  (o, date, codes, t, r) => readFinding(t.classify('examFinding', codes), t.classify('symptom', codes), affirmed(o), date, r),
  (o, date, _codes, t, r) => readFinding(t.classify('examFinding', valueCodes(o)), t.classify('symptom', valueCodes(o)), true, date, r),
];

function claim(matches: boolean, read: () => unknown): boolean {
  if (matches) {
    read();
  }
  return matches;
}

function readFinding(finding: string | undefined, symptom: string | undefined, present: boolean, date: string, r: PatientRecord): boolean {
  if (finding && present) {
    r.findings.push({ date, kind: finding as PatientRecord['findings'][number]['kind'] });
  }
  if (symptom && present) {
    r.symptoms.push({ date, kind: symptom as PatientRecord['symptoms'][number]['kind'] });
  }
  return Boolean(finding || symptom);
}

/** A systolic pressure inside a blood-pressure panel (85354-9) counts like a standalone 8480-6. */
function readBloodPressureComponents(o: Observation, date: string, t: Terminology, r: PatientRecord): void {
  for (const c of o.component ?? []) {
    if (t.inValueSet('systolicBloodPressure', c.code?.coding)) {
      pushVital(r, date, 'systolic', c.valueQuantity?.value);
    }
  }
}

function pushVital(r: PatientRecord, date: string, kind: PatientRecord['vitals'][number]['kind'], value: number | undefined): void {
  if (typeof value === 'number') {
    r.vitals.push({ date, kind, value });
  }
}

function toWeeks(value: number | undefined, unit: string | undefined): number | undefined {
  if (typeof value !== 'number') {
    return undefined;
  }
  return unit === 'd' || unit === 'days' ? value / 7 : value;
}

function toCelsius(value: number | undefined, unit: string | undefined): number | undefined {
  if (typeof value !== 'number') {
    return undefined;
  }
  return unit === '[degF]' || unit === 'degF' || unit === '°F' ? Math.round(((value - 32) * 5) / 9 * 10) / 10 : value;
}

function toMillimetres(value: number | undefined, unit: string | undefined): number | undefined {
  if (typeof value !== 'number') {
    return undefined;
  }
  return unit === 'cm' ? value * 10 : value;
}
