import type { CodeableConcept, FhirResource } from 'fhir/r4';
import type { Terminology } from '@pcb-cds/postcoital-bleeding-terminology';
import type { DraftOrder } from './draft-order';
import { draftOrderKind } from './draft-order-kind';

// The FHIR adapter of the order hooks: context.draftOrders (a Bundle) and context.selections (references)
// → DraftOrders. The protocol layer does not validate these hook-specific fields, so anything malformed is
// read as "no drafts" rather than thrown: a CDS service must never break the EHR's ordering workflow.

/** Every entry of the draftOrders Bundle; ServiceRequest and MedicationRequest carry a code the guideline may know. */
export function readDraftOrders(draftOrders: unknown, t: Terminology): DraftOrder[] {
  if (!isObject(draftOrders) || draftOrders['resourceType'] !== 'Bundle' || !Array.isArray(draftOrders['entry'])) {
    return [];
  }
  return draftOrders['entry']
    .map((entry: unknown) => (isObject(entry) && isObject(entry['resource']) ? (entry['resource'] as unknown as FhirResource) : undefined))
    .filter((r): r is FhirResource => r !== undefined && typeof r.resourceType === 'string')
    .map((r) => toDraftOrder(r, t));
}

/** The drafts `selections` names (order-select); references to nothing in the Bundle are ignored. */
export function selectedDrafts(drafts: readonly DraftOrder[], selections: unknown): DraftOrder[] {
  const wanted = new Set(Array.isArray(selections) ? selections.filter((s): s is string => typeof s === 'string') : []);
  return drafts.filter((d) => d.reference !== undefined && wanted.has(d.reference));
}

function toDraftOrder(resource: FhirResource, t: Terminology): DraftOrder {
  const code = orderCode(resource);
  const kind = code ? draftOrderKind(code.coding, t) : undefined;
  return {
    ...(resource.id ? { reference: `${resource.resourceType}/${resource.id}` } : {}),
    ...(kind ? { kind } : {}),
    display: code?.text ?? code?.coding?.find((c) => c.display)?.display ?? resource.resourceType,
  };
}

function orderCode(resource: FhirResource): CodeableConcept | undefined {
  switch (resource.resourceType) {
    case 'ServiceRequest':
      return resource.code;
    case 'MedicationRequest':
      return resource.medicationCodeableConcept;
    default:
      // NutritionOrder, VisionPrescription, …: no guideline order is of these types.
      return undefined;
  }
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
