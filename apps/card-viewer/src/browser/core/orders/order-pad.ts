import type { FhirResource } from '../hooks/cds-wire.js';
import type { CatalogueOrder } from './order-catalogue.js';

/** The orders being written for one patient, not yet signed: draft resources with ids. */
export interface OrderPad {
  readonly patientId: string;
  readonly drafts: readonly FhirResource[];
}

/** Resource types the pad holds (CDS Hooks' draftOrders); other created resources go to the FHIR server. */
export const ORDER_RESOURCE_TYPES: ReadonlySet<string> = new Set([
  'ServiceRequest',
  'MedicationRequest',
  'NutritionOrder',
  'DeviceRequest',
  'VisionPrescription',
  'CommunicationRequest',
]);

export function emptyPad(patientId: string): OrderPad {
  return { patientId, drafts: [] };
}

/** `ServiceRequest/draft-…`: how selections and delete actions name a draft. */
export function draftReference(draft: FhirResource): string {
  return `${draft.resourceType}/${draft.id ?? ''}`;
}

/** A draft ServiceRequest for a catalogue order, as an EHR's order entry would start it. */
export function catalogueDraft(order: CatalogueOrder, patientId: string, id: string, now: Date): FhirResource {
  return {
    resourceType: 'ServiceRequest',
    id,
    status: 'draft',
    intent: 'order',
    code: { coding: order.codings.map((c) => ({ ...c })), text: order.text },
    subject: { reference: `Patient/${patientId}` },
    authoredOn: now.toISOString(),
  };
}

/** Whether a draft orders this catalogue entry: any of its codings is one of the entry's. */
export function isDraftOf(draft: FhirResource, order: CatalogueOrder): boolean {
  const codings = (draft['code'] as { coding?: { system?: string; code?: string }[] } | undefined)?.coding ?? [];
  return codings.some((c) => order.codings.some((o) => c.system === o.system && c.code === o.code));
}

export function addDraft(pad: OrderPad, draft: FhirResource): OrderPad {
  return { ...pad, drafts: [...pad.drafts.filter((d) => draftReference(d) !== draftReference(draft)), draft] };
}

export function removeDraft(pad: OrderPad, reference: string): OrderPad {
  return { ...pad, drafts: pad.drafts.filter((d) => draftReference(d) !== reference) };
}

/** What signing writes to the FHIR server: the order made active; the server assigns the id. */
export function signedOrder(draft: FhirResource): FhirResource {
  const order: FhirResource = {
    ...draft,
    status: 'active',
    intent: draft['intent'] === 'proposal' ? 'order' : (draft['intent'] ?? 'order'),
  };
  delete order.id;
  return order;
}

/** A line for the pad's list: the order's text or its first coding's display. */
export function draftLabel(draft: FhirResource): string {
  const code = draft['code'] as { text?: string; coding?: { display?: string; code?: string }[] } | undefined;
  return code?.text ?? code?.coding?.[0]?.display ?? code?.coding?.[0]?.code ?? draftReference(draft);
}
