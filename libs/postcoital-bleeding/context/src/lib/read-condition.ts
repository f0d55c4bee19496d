import type { Coding, Condition } from 'fhir/r4';
import type { CervicalHistoryKind, CytologyResult, HpvResult, HysterectomyGroup, PatientRecord, RiskKind } from '@pcb-cds/postcoital-bleeding-facts';
import type { Terminology } from '@pcb-cds/postcoital-bleeding-terminology';
import { conditionDate, toIsoDate } from './fhir-dates';

const ACTIVE = new Set(['active', 'recurrence', 'relapse']);

/**
 * One Condition → the chart. Current facts (PCB, pregnancy, symptoms, risks) need an active
 * clinical status; history (hysterectomy, CIN2+, abnormal results, pregnancy end, past STI)
 * counts whatever the status, as fact-encoding.md allows "unless the rule asks for history".
 */
export function readCondition(c: Condition, t: Terminology, r: PatientRecord): void {
  const date = conditionDate(c);
  const verification = c.verificationStatus?.coding?.map((v) => v.code) ?? [];
  if (!date || verification.includes('entered-in-error') || verification.includes('refuted')) {
    return;
  }
  const codes = c.code?.coding ?? [];
  const status = c.clinicalStatus?.coding?.[0]?.code;
  const active = status === undefined || ACTIVE.has(status);
  readHistory(codes, date, t, r);
  if (active) {
    readCurrent(c, codes, date, t, r);
  }
}

function readHistory(codes: Coding[], date: string, t: Terminology, r: PatientRecord): void {
  const hyst = t.classify('hysterectomy', codes);
  if (hyst) {
    r.hysterectomy.push({ date, group: hyst as HysterectomyGroup, code: codes[0]?.code ?? '', display: codes[0]?.display });
  }
  const history = t.classify('cervicalHistory', codes);
  if (history) {
    r.cervicalHistory.push({ date, kind: history as CervicalHistoryKind, code: codes[0]?.code ?? '' });
  }
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
  if (t.inValueSet('stiDiagnosis', codes)) {
    r.stiDiagnoses.push({ date });
  }
}

function readCurrent(c: Condition, codes: Coding[], date: string, t: Terminology, r: PatientRecord): void {
  if (t.inValueSet('postcoitalBleeding', codes)) {
    const recorded = toIsoDate(c.recordedDate);
    r.pcb.push({ date, source: 'condition', ...(recorded && recorded !== date ? { recorded } : {}) });
  }
  if (t.inValueSet('pregnantCondition', codes)) {
    r.pregnancyEvidence.push({ date, kind: 'pregnancy-condition' });
  }
  if (t.inValueSet('postmenopausalCondition', codes)) {
    r.menopausalStatus.push({ date, value: 'post', source: 'condition' });
  }
  const risk = riskOf(codes, t);
  if (risk) {
    r.risks.push({ date, kind: risk, display: codes[0]?.display });
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
  if (t.inValueSet('hivOrImmunosuppression', codes)) {
    return 'hiv-or-immunosuppression';
  }
  return t.inValueSet('bleedingDisorder', codes) ? 'bleeding-disorder' : undefined;
}
