import type { Coding, Observation } from 'fhir/r4';
import type { CytologyResult, HistologyResult, HpvResult, HysterectomyGroup, PatientRecord } from '@pcb-cds/postcoital-bleeding-facts';
import type { Terminology, ValueSetName } from '@pcb-cds/postcoital-bleeding-terminology';
import { observationDate, observationInstant, toIsoDate } from './fhir-dates';
import { noteUnrecognised } from './unrecognised-result';
import { codingName, rhDFromLabel, valueLabels } from './rhd-label';

/** `k.has(valueSet)`: whether the Observation's code is in that value set (answered once per Observation). */
type CodeKnowledge = { has(valueSet: ValueSetName): boolean };
type Reader = (o: Observation, date: string, codes: Coding[], t: Terminology, r: PatientRecord, k: CodeKnowledge) => boolean;

/** The DiagnosticReport an Observation is a `result` of: its date and test code stand in for missing ones. */
export interface ReportLink {
  date?: string;
  codes: Coding[];
}

/**
 * One Observation → the chart, by its code (fact-encoding.md). Each reader claims the Observations
 * of its fact and returns true; the first claim wins. Exam findings and symptoms may arrive either
 * as the Observation code (with valueBoolean true) or as the value of a generic finding Observation.
 */
export function readObservation(o: Observation, t: Terminology, r: PatientRecord, report?: ReportLink): void {
  const date = observationDate(o) ?? report?.date;
  // `registered`: ordered or collected, no result yet — not a result to read (nor an unreadable one).
  if (!date || o.status === 'entered-in-error' || o.status === 'cancelled' || o.status === 'registered') {
    return;
  }
  const own = o.code?.coding ?? [];
  // A result linked from a report may carry only a local code: the report's test code says what it is.
  const codes = report && t.valueSetsOf(own).size === 0 ? [...own, ...report.codes] : own;
  const valueSets = t.valueSetsOf(codes);
  const k: CodeKnowledge = { has: (name) => valueSets.has(name) };
  READERS.some((read) => read(o, date, codes, t, r, k));
  readBloodPressureComponents(o, date, t, r);
}

/**
 * The value's codings. A result given only as text (valueString, or a CodeableConcept with text and
 * no coding) becomes a coding with that display and no code: no map knows it, so it is reported as
 * not recognised, by its words.
 */
const valueCodes = (o: Observation): Coding[] => {
  const coded = o.valueCodeableConcept?.coding ?? [];
  const text = o.valueString ?? o.valueCodeableConcept?.text;
  return coded.length > 0 || text === undefined ? coded : [{ display: text.slice(0, 80) }];
};
/** A finding Observation is "present" unless it says valueBoolean false. */
const affirmed = (o: Observation): boolean => o.valueBoolean !== false;

const READERS: Reader[] = [
  (o, date, codes, t, r, k) => claim(k.has('postcoitalBleeding'), () => affirmed(o) && r.pcb.push({ date, source: 'observation' })),
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
      } else {
        noteUnrecognised(r, 'Observation', date, valueCodes(o));
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
    claim(k.has('menopausalStatusFindingCode'), () => {
      const value = t.classify('menopausalStatusFinding', codes);
      if (affirmed(o) && (value === 'pre' || value === 'post')) {
        r.menopausalStatus.push({ date, value, source: 'observation' });
      }
    }),
  (o, date, codes, t, r, k) => claim(k.has('cervicalHistologyTest'), () => readHistology(valueCodes(o), date, 'Observation', t, r)),
  (o, date, codes, t, r, k) => claim(k.has('cytologyTest'), () => readCytology(valueCodes(o), date, 'Observation', t, r)),
  (o, date, codes, t, r, k) =>
    claim(k.has('hpvTest'), () =>
      readHpv(valueCodes(o), date, 'Observation', t, r, { hpv16: k.has('hpv16Test'), hpv18: k.has('hpv18Test') }),
    ),
  (o, date, codes, t, r, k) =>
    claim(k.has('immuneStatus'), () => {
      if (t.inValueSet('immunocompromisedValue', valueCodes(o))) {
        r.risks.push({ date, kind: 'immunocompromised', display: 'immune status: immunocompromised' });
      }
    }),
  (o, date, codes, t, r, k) =>
    claim(k.has('placentaNotLow'), () => {
      if (o.valueBoolean === true) {
        r.placentaNotLow.push({ date });
      }
    }),
  (o, date, codes, t, r, k) =>
    claim(k.has('placentaPraevia'), () => {
      if (affirmed(o)) {
        r.placentaPraevia.push({ date, display: codes[0]?.display });
      }
    }),
  (o, date, codes, t, r) => {
    // An Observation whose code is an absence or removal finding (e.g. 248911005 Uterine cervix absent).
    const group = t.classify('hysterectomy', codes);
    return claim(group !== undefined, () => {
      if (affirmed(o)) {
        r.hysterectomy.push({
          date,
          group: group as HysterectomyGroup,
          code: codes[0]?.code ?? '',
          display: codes[0]?.display,
          source: 'observation',
        });
      }
    });
  },
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
      } else {
        noteUnrecognised(r, 'Observation', date, valueCodes(o));
      }
    });
  },
  (o, date, codes, t, r, k) =>
    claim(k.has('newSexualPartner'), () => {
      if (typeof o.valueBoolean === 'boolean') {
        r.newSexualPartner.push({ date, value: o.valueBoolean });
      }
    }),
  (o, date, codes, t, r, k) =>
    claim(k.has('systolicBloodPressure'), () => pushVital(r, date, observationInstant(o), 'systolic', o.valueQuantity?.value)),
  (o, date, codes, t, r, k) =>
    claim(k.has('heartRate'), () => pushVital(r, date, observationInstant(o), 'heart-rate', o.valueQuantity?.value)),
  (o, date, codes, t, r, k) =>
    claim(k.has('bodyTemperature'), () =>
      pushVital(
        r,
        date,
        observationInstant(o),
        'temperature',
        toCelsius(o.valueQuantity?.value, o.valueQuantity?.code ?? o.valueQuantity?.unit),
      ),
    ),
  (o, date, codes, t, r, k) =>
    claim(k.has('rhDType'), () => {
      const coded = t.classify('rhDResult', valueCodes(o));
      const labelled = rhDFromLabel(valueLabels(o));
      const value = labelled ?? (coded === 'negative' || coded === 'positive' ? coded : undefined);
      if (value === undefined) {
        noteUnrecognised(r, 'Observation', date, valueCodes(o));
      } else if ((coded === 'negative' || coded === 'positive') && labelled !== undefined && labelled !== coded) {
        r.rhD.push({ date, value, labelConflict: `${codingName(valueCodes(o))} means RhD ${coded}, labelled RhD ${labelled}` });
      } else {
        r.rhD.push({ date, value });
      }
    }),
  (o, date, codes, t, r, k) =>
    claim(k.has('endometrialThickness'), () => {
      const mm = toMillimetres(o.valueQuantity?.value, o.valueQuantity?.code ?? o.valueQuantity?.unit);
      if (mm !== undefined) {
        r.endometrialThicknessMm.push({ date, value: mm });
      } else if (o.dataAbsentReason) {
        // A scan done with no measurement (value absent, with its reason): the endometrium was not visualised.
        r.endometrialThicknessMm.push({ date, notVisualised: true });
      }
    }),
  (o, date, codes, t, r) =>
    readFinding(t.classify('examFinding', codes), t.classify('symptom', codes), affirmed(o), date, observationInstant(o), r),
  (o, date, _codes, t, r) =>
    readFinding(t.classify('examFinding', valueCodes(o)), t.classify('symptom', valueCodes(o)), true, date, observationInstant(o), r),
];

/** Cytology from an Observation value or a report's conclusion; an unreadable result stays a result, of unknown meaning. */
export function readCytology(values: Coding[], date: string, resourceType: string, t: Terminology, r: PatientRecord): void {
  const result = t.classify('cytologyResult', values) as CytologyResult | undefined;
  r.cytology.push({ date, result: result ?? 'unknown' });
  if (!result) {
    noteUnrecognised(r, resourceType, date, values);
  }
}

/** HPV; "Detected" on a genotype test (HPV 16 or 18) is that genotype. */
export function readHpv(
  values: Coding[],
  date: string,
  resourceType: string,
  t: Terminology,
  r: PatientRecord,
  genotypeTest: { hpv16: boolean; hpv18: boolean },
): void {
  const result = t.classify('hpvResult', values) as HpvResult | undefined;
  const genotype = result === 'positive' && genotypeTest.hpv16 ? 'hpv16' : result === 'positive' && genotypeTest.hpv18 ? 'hpv18' : result;
  r.hpv.push({ date, result: genotype ?? 'unknown' });
  if (!result) {
    noteUnrecognised(r, resourceType, date, values);
  }
}

/**
 * Cervical histology: any result is "colposcopy/histology since" a screening result; CIN2+ and cancer
 * are also CIN2+ history, dated by the report (fact-encoding.md rev 2).
 */
export function readHistology(values: Coding[], date: string, resourceType: string, t: Terminology, r: PatientRecord): void {
  const result = t.classify('cervicalHistologyResult', values) as HistologyResult | undefined;
  r.histology.push({ date, result: result ?? 'unknown' });
  r.colposcopy.push({ date, kind: 'histology' });
  if (result === 'cin2-plus' || result === 'cancer') {
    const recorded = values.find((v) => v.display)?.display ?? (result === 'cancer' ? 'cervical cancer' : 'CIN2+');
    r.cervicalHistory.push({ date, kind: result, code: values[0]?.code ?? '', display: `${recorded} on cervical histology` });
  }
  if (!result) {
    noteUnrecognised(r, resourceType, date, values);
  }
}

function claim(matches: boolean, read: () => unknown): boolean {
  if (matches) {
    read();
  }
  return matches;
}

function readFinding(
  finding: string | undefined,
  symptom: string | undefined,
  present: boolean,
  date: string,
  at: string | undefined,
  r: PatientRecord,
): boolean {
  if (finding && present) {
    r.findings.push({ date, kind: finding as PatientRecord['findings'][number]['kind'] });
  }
  if (symptom && present) {
    r.symptoms.push({ date, kind: symptom as PatientRecord['symptoms'][number]['kind'], ...(at ? { at } : {}) });
  }
  return Boolean(finding || symptom);
}

/** A systolic pressure inside a blood-pressure panel (85354-9) counts like a standalone 8480-6. */
function readBloodPressureComponents(o: Observation, date: string, t: Terminology, r: PatientRecord): void {
  for (const c of o.component ?? []) {
    if (t.inValueSet('systolicBloodPressure', c.code?.coding)) {
      pushVital(r, date, observationInstant(o), 'systolic', c.valueQuantity?.value);
    }
  }
}

function pushVital(
  r: PatientRecord,
  date: string,
  at: string | undefined,
  kind: PatientRecord['vitals'][number]['kind'],
  value: number | undefined,
): void {
  if (typeof value === 'number') {
    r.vitals.push({ date, kind, value, ...(at ? { at } : {}) });
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
  return unit === '[degF]' || unit === 'degF' || unit === '°F' ? Math.round((((value - 32) * 5) / 9) * 10) / 10 : value;
}

function toMillimetres(value: number | undefined, unit: string | undefined): number | undefined {
  if (typeof value !== 'number') {
    return undefined;
  }
  return unit === 'cm' ? value * 10 : value;
}
