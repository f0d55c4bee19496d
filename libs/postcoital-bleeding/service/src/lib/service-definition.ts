import type { CdsServiceDefinition } from '@pcb-cds/cds-hooks-model';
import { prefetchTemplates } from '@pcb-cds/postcoital-bleeding-record';
import type { Terminology } from '@pcb-cds/postcoital-bleeding-terminology';

export const PCB_SERVICE_ID = 'pcb-evaluation';

/** The discovery entry, reviewable as data (id, hook, wording, prefetch). */
export function pcbServiceDefinition(t: Terminology): CdsServiceDefinition {
  return {
    id: PCB_SERVICE_ID,
    hook: 'patient-view',
    title: 'Postcoital bleeding evaluation',
    description:
      'For a patient with postcoital bleeding recorded in the last 90 days: the evaluation the guideline asks for ' +
      '(examination, cervical screening, STI NAAT, pregnancy test, ultrasound, colposcopy or endometrial referral, ' +
      'same-day obstetric or emergency care), as cards with draft orders, each citing its guideline and the patient facts it rests on.',
    usageRequirements:
      "Needs read access to the patient's Patient, Condition, Observation, Procedure, MedicationRequest, MedicationStatement, " +
      'MedicationAdministration, Encounter, EpisodeOfCare, QuestionnaireResponse, ServiceRequest and DiagnosticReport resources, by prefetch or through fhirServer ' +
      'with fhirAuthorization. Returns no cards when no postcoital bleeding is recorded in the last 90 days.',
    prefetch: prefetchTemplates(t),
  };
}
