import type { Bundle, CodeableConcept, Coding, FhirResource, Observation, ObservationComponent, Quantity } from 'fhir/r4';
import { SYSTEMS, US_CORE_BIRTH_SEX_URL } from './encoding-codes';
import { dateAgo, startOfUtcDay } from './relative-dates';

/**
 * A one-line-per-resource summary of a patient bundle with dates relative to `today`, e.g.
 * `Observation loinc:82810-3 = loinc:LA15173-0 @today` or `Condition icd10cm:N93.0 [active] @1w`.
 * Reviewers compare it with a vignette's wording; the specs compare it with hand-written facts.
 *
 * Relative dates: `today`, `Ny` / `Nmo` (calendar years / months), `Nw` (whole weeks), `Nd`, `+Nd`
 * (future). Calendar years and months are tried first, so 4 weeks can read `1mo` in a 28-day February.
 */
export function describeBundle(bundle: Bundle<FhirResource>, today: Date): string[] {
  const anchor = startOfUtcDay(today);
  return (bundle.entry ?? []).flatMap((e) => (e.resource === undefined ? [] : [describeResource(e.resource, anchor)]));
}

const SYSTEM_ALIAS: Readonly<Record<string, string>> = {
  [SYSTEMS.loinc]: 'loinc',
  [SYSTEMS.snomed]: 'sct',
  [SYSTEMS.icd10cm]: 'icd10cm',
  [SYSTEMS.icd10pcs]: 'pcs',
  [SYSTEMS.rxnorm]: 'rxnorm',
  [SYSTEMS.pcbFacts]: 'pcb',
  [SYSTEMS.ucum]: 'ucum',
};

function codingText(c: Coding | undefined): string {
  if (c === undefined) {
    return '?';
  }
  return `${SYSTEM_ALIAS[c.system ?? ''] ?? c.system}:${c.code}`;
}

function conceptText(cc: CodeableConcept | undefined): string {
  return (cc?.coding ?? []).map(codingText).join('|') || '?';
}

function quantityText(q: Quantity): string {
  return `${q.value} ${q.code ?? q.unit}`;
}

/** Relative date of a FHIR date/dateTime against the anchor day. */
export function relativeDate(value: string | undefined, anchor: Date): string {
  if (value === undefined) {
    return '?';
  }
  const d = new Date(value.length === 10 ? `${value}T00:00:00Z` : value);
  const diffMs = anchor.getTime() - d.getTime();
  if (diffMs === 0) {
    return 'today';
  }
  const dayMs = 24 * 60 * 60 * 1000;
  if (diffMs < 0) {
    return `+${Math.round(-diffMs / dayMs)}d`;
  }
  for (let k = 1; k <= 120; k++) {
    if (dateAgo(anchor, { yearsAgo: k }).getTime() === d.getTime()) {
      return `${k}y`;
    }
  }
  for (let k = 1; k <= 120; k++) {
    if (dateAgo(anchor, { monthsAgo: k }).getTime() === d.getTime()) {
      return `${k}mo`;
    }
  }
  const days = diffMs / dayMs;
  if (!Number.isInteger(days)) {
    return value;
  }
  return days % 7 === 0 ? `${days / 7}w` : `${days}d`;
}

function ageInYears(birthDate: string | undefined, anchor: Date): string {
  if (birthDate === undefined) {
    return '?';
  }
  const b = new Date(`${birthDate}T00:00:00Z`);
  let age = anchor.getUTCFullYear() - b.getUTCFullYear();
  if (anchor.getUTCMonth() < b.getUTCMonth() || (anchor.getUTCMonth() === b.getUTCMonth() && anchor.getUTCDate() < b.getUTCDate())) {
    age -= 1;
  }
  return String(age);
}

function observationValue(o: Observation, anchor: Date): string {
  if (o.valueCodeableConcept !== undefined) {
    return conceptText(o.valueCodeableConcept);
  }
  if (o.valueQuantity !== undefined) {
    return quantityText(o.valueQuantity);
  }
  if (o.valueBoolean !== undefined) {
    return String(o.valueBoolean);
  }
  if (o.valueDateTime !== undefined) {
    return relativeDate(o.valueDateTime, anchor);
  }
  if (o.component !== undefined) {
    return `[${o.component.map((c: ObservationComponent) => `${conceptText(c.code)}=${c.valueQuantity === undefined ? '?' : quantityText(c.valueQuantity)}`).join(', ')}]`;
  }
  return '?';
}

/** `@<relative date>`, or `@undated` for a fact written without a date (FE rev 2 "Undated history"). */
function at(value: string | undefined, anchor: Date): string {
  return value === undefined ? '@undated' : `@${relativeDate(value, anchor)}`;
}

function describeResource(r: FhirResource, anchor: Date): string {
  switch (r.resourceType) {
    case 'Patient': {
      const birthSex = r.extension?.find((e) => e.url === US_CORE_BIRTH_SEX_URL)?.valueCode ?? '-';
      return `Patient gender=${r.gender ?? '-'} birthSex=${birthSex} age=${ageInYears(r.birthDate, anchor)}`;
    }
    case 'Observation':
      return `Observation ${conceptText(r.code)} = ${observationValue(r, anchor)} ${at(r.effectiveDateTime, anchor)}`;
    case 'Condition': {
      const status = r.clinicalStatus?.coding?.[0]?.code ?? '?';
      const onset = r.onsetDateTime === undefined ? 'no-onset' : `@${relativeDate(r.onsetDateTime, anchor)}`;
      const recorded = r.recordedDate === r.onsetDateTime ? '' : ` recorded@${relativeDate(r.recordedDate, anchor)}`;
      return `Condition ${conceptText(r.code)} [${status}] ${onset}${recorded}`;
    }
    case 'Procedure':
      return `Procedure ${conceptText(r.code)} ${at(r.performedDateTime, anchor)}`;
    case 'MedicationRequest':
      return `MedicationRequest ${conceptText(r.medicationCodeableConcept)} [${r.status}] @${relativeDate(r.authoredOn, anchor)}`;
    case 'MedicationStatement':
      return `MedicationStatement ${conceptText(r.medicationCodeableConcept)} [${r.status}] @${relativeDate(r.effectiveDateTime, anchor)}`;
    case 'Encounter':
      return `Encounter reason=${(r.reasonCode ?? []).map(conceptText).join(',')} @${relativeDate(r.period?.start, anchor)}`;
    case 'QuestionnaireResponse':
      return `QuestionnaireResponse ${(r.item ?? [])
        .map((i) => `${i.linkId}=${(i.answer ?? []).map((a) => String(a.valueBoolean)).join(',')}`)
        .join(' ')} @${relativeDate(r.authored, anchor)}`;
    case 'EpisodeOfCare':
      return `EpisodeOfCare ${(r.type ?? []).map(conceptText).join(',')} [${r.status}] ${at(r.period?.start, anchor)}${r.period?.end === undefined ? '' : ` end@${relativeDate(r.period.end, anchor)}`}`;
    case 'DiagnosticReport':
      return `DiagnosticReport ${conceptText(r.code)} = ${(r.conclusionCode ?? []).map(conceptText).join(',')} @${relativeDate(r.effectiveDateTime, anchor)}${r.result === undefined ? '' : ` results=${r.result.map((ref) => ref.reference ?? '?').join(',')}`}`;
    default:
      return r.resourceType;
  }
}
