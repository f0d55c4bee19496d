import type { CodeableConcept, ServiceRequest } from 'fhir/r4';
import type { OrderAdvice } from '@pcb-cds/postcoital-bleeding-rules';
import type { ReasonFacts, ReasonJurisdiction, Terminology } from '@pcb-cds/postcoital-bleeding-terminology';
import { orderReasonCodes } from '@pcb-cds/postcoital-bleeding-terminology';

/** Who the order is for, and what decides its reason code. */
export interface DraftRequestContext {
  patientId: string;
  encounterId?: string;
  facts: ReasonFacts;
  /** US is the guideline's default jurisdiction (§0); UK mode sends WHO ICD-10 reasons and UK words in code.text. */
  jurisdiction?: ReasonJurisdiction;
}

/**
 * The order a suggestion proposes: a draft ServiceRequest (status draft, intent proposal) an EHR can
 * act on (R2-14): the order's codings with their code systems' own displays (standard codes first,
 * the project code at most as an extra), what the clinician reads in code.text, the FHIR category,
 * the priority the rule asked for, and the reason coded by pathway — one reasonCode per reason
 * (e.g. O46.92 and Z3A.30), the rule's own words as the text of the first. The EHR decides whether to sign it.
 */
export function draftServiceRequest(order: OrderAdvice, patient: DraftRequestContext, t: Terminology): ServiceRequest {
  const code = t.order(order.kind, patient.jurisdiction);
  const [primary, ...secondary] = orderReasonCodes(patient.facts, patient.jurisdiction ?? 'US');
  const reasonCode: CodeableConcept[] = [{ coding: [primary], text: order.reason }, ...secondary.map((coding) => ({ coding: [coding] }))];
  return {
    resourceType: 'ServiceRequest',
    status: 'draft',
    intent: 'proposal',
    category: [{ coding: [{ ...code.categoryCoding }] }],
    priority: order.priority,
    code: { coding: code.codings.map((c) => ({ ...c })), text: code.text },
    subject: { reference: `Patient/${patient.patientId}` },
    ...(patient.encounterId ? { encounter: { reference: `Encounter/${patient.encounterId}` } } : {}),
    reasonCode,
  };
}
