import type {
  DiagnosticReport,
  Encounter,
  Medication,
  MedicationRequest,
  MedicationStatement,
  Patient,
  Procedure,
  ServiceRequest,
} from 'fhir/r4';
import type { CytologyResult, HpvResult, HysterectomyGroup, PatientRecord, RiskKind } from '@pcb-cds/postcoital-bleeding-facts';
import type { Terminology } from '@pcb-cds/postcoital-bleeding-terminology';
import { procedureDate, toIsoDate } from './fhir-dates';

const BIRTH_SEX_URL = 'http://hl7.org/fhir/us/core/StructureDefinition/us-core-birthsex';

export function readPatient(p: Patient, r: PatientRecord): void {
  r.birthDate = toIsoDate(p.birthDate);
  r.administrativeGender = p.gender;
  const birthSex = p.extension?.find((e) => e.url === BIRTH_SEX_URL)?.valueCode;
  if (birthSex === 'F' || birthSex === 'M' || birthSex === 'UNK') {
    r.birthSex = birthSex;
  }
}

/** Procedures: hysterectomy class, colposcopy/ECC, delivery (a pregnancy end event). */
export function readProcedure(p: Procedure, t: Terminology, r: PatientRecord): void {
  const date = procedureDate(p);
  if (!date || p.status === 'entered-in-error' || p.status === 'not-done') {
    return;
  }
  const codes = p.code?.coding ?? [];
  const hyst = t.classify('hysterectomy', codes);
  if (hyst) {
    r.hysterectomy.push({ date, group: hyst as HysterectomyGroup, code: codes[0]?.code ?? '', display: codes[0]?.display ?? p.code?.text });
  }
  if (t.inValueSet('colposcopy', codes)) {
    r.colposcopy.push({ date, kind: codes.some((c) => c.code === '52889002') ? 'endocervical-curettage' : 'colposcopy' });
  }
  if (t.inValueSet('deliveryProcedure', codes)) {
    r.pregnancyEnded.push({ date, kind: 'delivery' });
  }
}

/** Active medications only (the prefetch asks for status=active; a client's prefetch may not). */
export function readMedication(m: MedicationRequest | MedicationStatement, t: Terminology, r: PatientRecord): void {
  if (m.status !== 'active') {
    return;
  }
  const date = toIsoDate(
    m.resourceType === 'MedicationRequest' ? m.authoredOn : (m.effectiveDateTime ?? m.effectivePeriod?.start ?? m.dateAsserted),
  );
  const codes = m.medicationCodeableConcept?.coding ?? containedMedicationCodes(m);
  if (!date) {
    return;
  }
  const kind: RiskKind | undefined = t.inValueSet('anticoagulant', codes)
    ? 'anticoagulant'
    : t.inValueSet('tamoxifen', codes)
      ? 'tamoxifen'
      : t.inValueSet('systemicHrt', codes) && !t.inValueSet('contraceptiveEstrogen', codes)
        ? 'hrt'
        : t.inValueSet('immunosuppressant', codes)
          ? 'immunosuppressant'
          : undefined;
  if (kind) {
    r.risks.push({ date, kind, display: m.medicationCodeableConcept?.text ?? codes[0]?.display });
  }
}

/** A medicationReference to a contained Medication ("#id") is resolved; external ones are not fetched. */
function containedMedicationCodes(m: MedicationRequest | MedicationStatement): { system?: string; code?: string; display?: string }[] {
  const ref = m.medicationReference?.reference;
  const contained = ref?.startsWith('#') ? m.contained?.find((c) => c.id === ref.slice(1)) : undefined;
  return contained?.resourceType === 'Medication' ? ((contained as Medication).code?.coding ?? []) : [];
}

/** Encounter.reasonCode N93.0 dates a PCB record by period.start. */
export function readEncounter(e: Encounter, t: Terminology, r: PatientRecord): void {
  const date = toIsoDate(e.period?.start);
  if (!date || e.status === 'entered-in-error' || e.status === 'cancelled') {
    return;
  }
  if ((e.reasonCode ?? []).some((rc) => t.inValueSet('postcoitalBleeding', rc.coding))) {
    r.pcb.push({ date, source: 'encounter' });
  }
}

/** Cytology/HPV reported as a DiagnosticReport with the result in conclusionCode. */
export function readDiagnosticReport(d: DiagnosticReport, t: Terminology, r: PatientRecord): void {
  const date = toIsoDate(d.effectiveDateTime ?? d.effectivePeriod?.start ?? d.issued);
  if (!date || d.status === 'entered-in-error' || d.status === 'cancelled') {
    return;
  }
  const conclusion = (d.conclusionCode ?? []).flatMap((c) => c.coding ?? []);
  if (t.inValueSet('cytologyTest', d.code?.coding)) {
    r.cytology.push({ date, result: (t.classify('cytologyResult', conclusion) ?? 'unknown') as CytologyResult });
  }
  if (t.inValueSet('hpvTest', d.code?.coding)) {
    r.hpv.push({ date, result: (t.classify('hpvResult', conclusion) ?? 'unknown') as HpvResult });
  }
}

/** Orders already active or drafted: the cards do not suggest them again. */
export function readServiceRequest(s: ServiceRequest, t: Terminology, r: PatientRecord): void {
  if (!['active', 'draft', 'on-hold'].includes(s.status)) {
    return;
  }
  const kind = t.orderKindOf(s.code?.coding);
  if (kind) {
    r.activeOrders.push({ date: toIsoDate(s.authoredOn) ?? r.today, kind });
  }
}
