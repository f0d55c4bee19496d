import type { CodeableConcept, FhirResource, MedicationRequest, ServiceRequest } from 'fhir/r4';
import type { DraftOrder } from '@pcb-cds/postcoital-bleeding-orders';
import type { Terminology } from '@pcb-cds/postcoital-bleeding-terminology';

// The FHIR adapter of the order hooks: context.draftOrders (a Bundle) and context.selections (references)
// → DraftOrders. The protocol layer does not validate these hook-specific fields, so anything malformed is
// read as "no drafts" rather than thrown: a CDS service must never break the EHR's ordering workflow.

/**
 * The draft resource types whose code the guideline may know, and where that code is. A new type of draft
 * order is one entry here; drafts of any other type (NutritionOrder, VisionPrescription, …) are read as
 * orders of no guideline kind.
 */
const ORDER_CODE_OF = {
  ServiceRequest: (r: ServiceRequest) => r.code,
  MedicationRequest: (r: MedicationRequest) => r.medicationCodeableConcept,
} satisfies { [T in FhirResource['resourceType']]?: (r: Extract<FhirResource, { resourceType: T }>) => CodeableConcept | undefined };

/** The draft resource types read for their code (discovery's usage requirements name them). */
export const CODED_DRAFT_ORDER_TYPES: readonly string[] = Object.keys(ORDER_CODE_OF);

/** Every entry of the draftOrders Bundle; only the coded draft order types can be of a guideline order kind. */
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
  const kind = code ? t.orderKindOf(code.coding) : undefined;
  return {
    ...(resource.id ? { reference: `${resource.resourceType}/${resource.id}` } : {}),
    ...(kind ? { kind } : {}),
    display: code?.text ?? code?.coding?.find((c) => c.display)?.display ?? resource.resourceType,
  };
}

function orderCode(resource: FhirResource): CodeableConcept | undefined {
  const codeOf = (ORDER_CODE_OF as Partial<Record<string, (r: FhirResource) => CodeableConcept | undefined>>)[resource.resourceType];
  return codeOf?.(resource);
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
