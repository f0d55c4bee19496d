import type { ServiceRequest } from 'fhir/r4';
import type { OrderAdvice } from '@pcb-cds/postcoital-bleeding-rules';
import type { Terminology } from '@pcb-cds/postcoital-bleeding-terminology';

/**
 * The order a suggestion proposes: a draft ServiceRequest (status draft, intent proposal) with the
 * §4.9 code, reason N93.0 and the priority the rule asked for. The EHR decides whether to sign it.
 */
export function draftServiceRequest(
  order: OrderAdvice,
  patient: { patientId: string; encounterId?: string },
  t: Terminology,
): ServiceRequest {
  const code = t.order(order.kind);
  return {
    resourceType: 'ServiceRequest',
    status: 'draft',
    intent: 'proposal',
    priority: order.priority,
    code: { coding: [{ system: code.system, code: code.code, display: code.display }], text: code.display },
    subject: { reference: `Patient/${patient.patientId}` },
    ...(patient.encounterId ? { encounter: { reference: `Encounter/${patient.encounterId}` } } : {}),
    reasonCode: [{ coding: [t.postcoitalBleedingReason], text: order.reason }],
  };
}
