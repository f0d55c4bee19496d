import type { Coding, Condition } from 'fhir/r4';
import type {
  CervicalHistoryKind,
  CytologyResult,
  HpvResult,
  HysterectomyGroup,
  PatientRecord,
  PregnancyOfConcernKind,
  RiskKind,
} from '@pcb-cds/postcoital-bleeding-facts';
import type { Terminology } from '@pcb-cds/postcoital-bleeding-terminology';
import { conditionDate, toIsoDate } from './fhir-dates';

const ACTIVE = new Set(['active', 'recurrence', 'relapse']);

/**
 * One Condition → the chart. Current facts (PCB, pregnancy, symptoms, risks) need an active
 * clinical status; history (hysterectomy, CIN2+, abnormal results, pregnancy end, past STI, HIV)
 * counts whatever the status, as fact-encoding.md allows "unless the rule asks for history". A
 * Condition with no date still counts where the fact needs none (hysterectomy, cervix absent, HIV,
 * CIN2+, immunocompromising conditions: fact-encoding.md rev 2 "Undated history").
 */
export function readCondition(c: Condition, t: Terminology, r: PatientRecord): void {
  const verification = c.verificationStatus?.coding?.map((v) => v.code) ?? [];
  if (verification.includes('entered-in-error') || verification.includes('refuted')) {
    return;
  }
  const date = conditionDate(c);
  const codes = c.code?.coding ?? [];
  const status = c.clinicalStatus?.coding?.[0]?.code;
  const active = status === undefined || ACTIVE.has(status);
  readUndatedHistory(codes, date, active, t, r);
  if (!date) {
    return;
  }
  readHistory(codes, date, active, t, r);
  if (active) {
    readCurrent(c, codes, date, t, r);
  }
}

function readUndatedHistory(codes: Coding[], date: string | undefined, active: boolean, t: Terminology, r: PatientRecord): void {
  const display = codes[0]?.display;
  const hyst = t.classify('hysterectomy', codes);
  if (hyst) {
    r.hysterectomy.push({ date, group: hyst as HysterectomyGroup, code: codes[0]?.code ?? '', display, source: 'condition' });
  }
  const history = t.classify('cervicalHistory', codes);
  if (history) {
    r.cervicalHistory.push({ date, kind: history as CervicalHistoryKind, code: codes[0]?.code ?? '', ...(display ? { display } : {}) });
  }
  if (t.inValueSet('hiv', codes)) {
    r.risks.push({ date, kind: 'hiv', display });
  }
  if (active && t.inValueSet('immunocompromisedCondition', codes)) {
    r.risks.push({ date, kind: 'immunocompromised', display });
  }
}

function readHistory(codes: Coding[], date: string, active: boolean, t: Terminology, r: PatientRecord): void {
  const cytology = t.classify('cytologyResult', codes);
  if (cytology) {
    r.cytology.push({ date, result: cytology as CytologyResult });
  }
  const hpv = t.classify('hpvResult', codes);
  if (hpv && hpv !== 'negative') {
    r.hpv.push({ date, result: hpv as HpvResult });
  }
  if (t.inValueSet('pregnancyEndedCondition', codes)) {
    const delivery = codes.some((x) => x.code?.startsWith('Z37'));
    r.pregnancyEnded.push({ date, kind: delivery ? 'delivery' : 'abortive-outcome' });
  }
  // R2-25: an ectopic, molar or failed pregnancy no longer active has ended.
  const concern = t.classify('pregnancyOfConcern', codes) as PregnancyOfConcernKind | undefined;
  if (concern) {
    if (active) {
      r.pregnancyOfConcern.push({ date, kind: concern });
    } else {
      r.pregnancyEnded.push({ date, kind: 'abortive-outcome' });
    }
  }
  if (t.inValueSet('stiDiagnosis', codes)) {
    r.stiDiagnoses.push({ date });
  }
}

function readCurrent(c: Condition, codes: Coding[], date: string, t: Terminology, r: PatientRecord): void {
  if (t.inValueSet('postcoitalBleeding', codes)) {
    const recorded = toIsoDate(c.recordedDate);
    r.pcb.push({ date, source: 'condition', ...(recorded && recorded !== date ? { recorded } : {}) });
  }
  if (t.inValueSet('pregnantCondition', codes) || t.inValueSet('pregnancyOngoingCondition', codes)) {
    r.pregnancyEvidence.push({ date, kind: 'pregnancy-condition' });
  }
  if (t.inValueSet('placentaPraevia', codes)) {
    r.placentaPraevia.push({ date, display: codes[0]?.display });
  }
  if (t.inValueSet('postmenopausalCondition', codes)) {
    r.menopausalStatus.push({ date, value: 'post', source: 'condition' });
  }
  const risk = riskOf(codes, t);
  if (risk) {
    r.risks.push({ date, kind: risk, display: codes[0]?.display, ...(risk === 'anticoagulant' ? { drugClass: 'unknown' as const } : {}) });
  }
  const finding = t.classify('examFinding', codes);
  if (finding) {
    r.findings.push({ date, kind: finding as PatientRecord['findings'][number]['kind'] });
  }
  const symptom = t.classify('symptom', codes);
  if (symptom) {
    r.symptoms.push({ date, kind: symptom as PatientRecord['symptoms'][number]['kind'] });
  }
}

/** Long-term-use diagnoses (Z79.x) and conditions that change the advice; HIV/immune status are read above. */
function riskOf(codes: Coding[], t: Terminology): RiskKind | undefined {
  if (t.inValueSet('anticoagulant', codes)) {
    return 'anticoagulant';
  }
  if (t.inValueSet('tamoxifen', codes)) {
    return 'tamoxifen';
  }
  if (t.inValueSet('systemicHrt', codes)) {
    return 'hrt';
  }
  if (t.inValueSet('immuneMediatedDisease', codes)) {
    return 'immune-mediated-disease';
  }
  return t.inValueSet('bleedingDisorder', codes) ? 'bleeding-disorder' : undefined;
}
