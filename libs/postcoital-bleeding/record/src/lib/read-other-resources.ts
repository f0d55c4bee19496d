import type { Patient, Procedure, ServiceRequest } from 'fhir/r4';
import type { HysterectomyGroup, PatientRecord } from '@pcb-cds/postcoital-bleeding-facts';
import type { Terminology } from '@pcb-cds/postcoital-bleeding-terminology';
import { procedureDate, toIsoDate } from './fhir-dates';

const BIRTH_SEX_URL = 'http://hl7.org/fhir/us/core/StructureDefinition/us-core-birthsex';
const GENDER_IDENTITY_URL = 'http://hl7.org/fhir/StructureDefinition/patient-genderIdentity';

/** Birth date, administrative gender, US Core birth sex and the gender-identity extension (fact-encoding.md rev 2). */
export function readPatient(p: Patient, t: Terminology, r: PatientRecord): void {
  r.birthDate = toIsoDate(p.birthDate);
  r.administrativeGender = p.gender;
  const birthSex = p.extension?.find((e) => e.url === BIRTH_SEX_URL)?.valueCode;
  if (birthSex === 'F' || birthSex === 'M' || birthSex === 'UNK') {
    r.birthSex = birthSex;
  }
  const identity = p.extension?.find((e) => e.url === GENDER_IDENTITY_URL)?.valueCodeableConcept?.coding;
  if (t.inValueSet('genderIdentityWithFemaleTract', identity)) {
    r.genderIdentityWithFemaleTract = true;
  }
}

/**
 * Procedures: hysterectomy class, colposcopy/ECC, cervical excision or ablation (CIN2+ history and
 * "colposcopy since"), transplant (immunocompromised), delivery and treatment of a pregnancy of
 * concern (pregnancy end events). Undated hysterectomy, excision and transplant still count.
 */
export function readProcedure(p: Procedure, t: Terminology, r: PatientRecord): void {
  if (p.status === 'entered-in-error' || p.status === 'not-done') {
    return;
  }
  const date = procedureDate(p);
  const codes = p.code?.coding ?? [];
  const display = codes[0]?.display ?? p.code?.text;
  const hyst = t.classify('hysterectomy', codes);
  if (hyst) {
    r.hysterectomy.push({ date, group: hyst as HysterectomyGroup, code: codes[0]?.code ?? '', display, source: 'procedure' });
  }
  if (t.inValueSet('neovagina', codes)) {
    // A neovagina: a vagina with no cervix and no uterus behind it (fact-encoding.md rev 2 "Caveats").
    r.hysterectomy.push({
      date,
      group: 'no-cervix',
      code: codes[0]?.code ?? '',
      display: display ?? 'vaginoplasty (neovagina)',
      source: 'procedure',
    });
  }
  const treatment = t.inValueSet('cervicalTreatment', codes);
  if (treatment) {
    r.cervicalHistory.push({
      date,
      kind: 'cin2-plus',
      code: codes[0]?.code ?? '',
      display: `treated cervical precancer (${display ?? 'excision or ablation'})`,
    });
  }
  if (t.inValueSet('immunocompromisedCondition', codes)) {
    r.risks.push({ date, kind: 'immunocompromised', display });
  }
  if (!date) {
    return;
  }
  if (treatment) {
    r.colposcopy.push({ date, kind: 'treatment' });
  } else if (t.inValueSet('colposcopy', codes)) {
    r.colposcopy.push({ date, kind: codes.some((c) => c.code === '52889002') ? 'endocervical-curettage' : 'colposcopy' });
  }
  if (t.inValueSet('deliveryProcedure', codes)) {
    r.pregnancyEnded.push({ date, kind: 'delivery' });
  }
  if (t.inValueSet('pregnancyOfConcernTreatment', codes)) {
    r.pregnancyOfConcernTreated.push({ date });
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
