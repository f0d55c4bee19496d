import type { Coding, Medication, MedicationAdministration, MedicationRequest, MedicationStatement } from 'fhir/r4';
import type { PatientRecord, RiskKind } from '@pcb-cds/postcoital-bleeding-facts';
import type { Terminology } from '@pcb-cds/postcoital-bleeding-terminology';
import { toIsoDate } from './fhir-dates';

type MedicationResource = MedicationRequest | MedicationStatement | MedicationAdministration;
type DrugClass = NonNullable<PatientRecord['risks'][number]['drugClass']>;

/** Statuses of a medicine being taken now; `completed` ones count only as recent immunosuppression. */
const CURRENT = new Set(['active', 'in-progress', 'on-hold']);
const PAST = new Set(['completed', 'stopped']);

/**
 * MedicationRequest, MedicationStatement and MedicationAdministration → risks. Anticoagulant,
 * tamoxifen and HRT count while current; an immunosuppressant also when completed or given (the
 * window is a guideline parameter, applied in the facts). Products are named by their ingredient.
 */
export function readMedication(m: MedicationResource, t: Terminology, r: PatientRecord): void {
  const current = CURRENT.has(m.status) || (m.resourceType === 'MedicationAdministration' && m.status === 'in-progress');
  const past = PAST.has(m.status) || (m.resourceType === 'MedicationAdministration' && m.status === 'completed');
  if (!current && !past) {
    return;
  }
  const date = medicationDate(m);
  const codes = m.medicationCodeableConcept?.coding ?? containedMedicationCodes(m);
  if (!date) {
    return;
  }
  const kind = riskKindOf(codes, t);
  if (!kind || (!current && kind !== 'immunosuppressant')) {
    return;
  }
  const ingredient = t.classify('medicationIngredient', codes);
  const drugClass = kind === 'anticoagulant' ? ((t.classify('anticoagulantClass', codes) ?? 'unknown') as DrugClass) : undefined;
  r.risks.push({
    date,
    kind,
    display: m.medicationCodeableConcept?.text ?? codes[0]?.display ?? ingredient,
    active: current,
    ...(ingredient ? { ingredient } : {}),
    ...(drugClass ? { drugClass } : {}),
  });
}

function riskKindOf(codes: Coding[], t: Terminology): RiskKind | undefined {
  if (t.inValueSet('anticoagulant', codes)) {
    return 'anticoagulant';
  }
  if (t.inValueSet('tamoxifen', codes)) {
    return 'tamoxifen';
  }
  if (t.inValueSet('systemicHrt', codes) && !t.inValueSet('contraceptiveEstrogen', codes)) {
    return 'hrt';
  }
  return t.inValueSet('immunosuppressant', codes) ? 'immunosuppressant' : undefined;
}

/** When it was started or given: authoredOn (request), effective[x] start, else dateAsserted (statement). */
function medicationDate(m: MedicationResource): string | undefined {
  switch (m.resourceType) {
    case 'MedicationRequest':
      return toIsoDate(m.authoredOn);
    case 'MedicationStatement':
      return toIsoDate(m.effectiveDateTime ?? m.effectivePeriod?.start ?? m.dateAsserted);
    default:
      return toIsoDate(m.effectiveDateTime ?? m.effectivePeriod?.start);
  }
}

/** A medicationReference to a contained Medication ("#id") is resolved; external ones are not fetched. */
function containedMedicationCodes(m: MedicationResource): Coding[] {
  const ref = m.medicationReference?.reference;
  const contained = ref?.startsWith('#') ? m.contained?.find((c) => c.id === ref.slice(1)) : undefined;
  return contained?.resourceType === 'Medication' ? ((contained as Medication).code?.coding ?? []) : [];
}
