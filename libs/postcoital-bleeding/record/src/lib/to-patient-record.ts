import type { DiagnosticReport, FhirResource } from 'fhir/r4';
import type { IsoDate, PatientRecord } from '@pcb-cds/postcoital-bleeding-facts';
import { emptyPatientRecord } from '@pcb-cds/postcoital-bleeding-facts';
import type { Terminology } from '@pcb-cds/postcoital-bleeding-terminology';
import { readCondition } from './read-condition';
import { readDiagnosticReport, reportLinks } from './read-diagnostic-report';
import { readContextEncounter, readEncounter, readEpisodeOfCare } from './read-encounter';
import { readMedication } from './read-medication';
import { readObservation } from './read-observation';
import { readPatient, readProcedure, readServiceRequest } from './read-other-resources';
import { readQuestionnaireResponse } from './read-questionnaire-response';

/** Prefetch values as the protocol layer delivers them: a resource, a Bundle, or null (no data). */
export type PrefetchValues = Record<string, unknown>;

/** The prefetch key of the hook's own Encounter (`Encounter/{{context.encounterId}}`): its class is the care setting. */
export const CONTEXT_ENCOUNTER_KEY = 'encounter';

/**
 * Resolved prefetch → the patient's chart. `now` is the evaluation date (YYYY-MM-DD) or instant
 * (an ISO dateTime also sets the instant the hour windows of R2-20 count from). Bundles are unwrapped, OperationOutcomes and nulls
 * are "no data", a resource seen under two keys counts once, and only resources about `patientId`
 * are read (a misconfigured client must not mix patients).
 */
export function toPatientRecord(prefetch: PrefetchValues, patientId: string, now: IsoDate | string, t: Terminology): PatientRecord {
  const record = emptyPatientRecord(now.slice(0, 10));
  if (now.length > 10) {
    record.now = now;
  }
  const resources = uniqueResources(prefetch).filter((resource) => isAboutPatient(resource, patientId));
  const links = reportLinks(resources.filter((resource): resource is DiagnosticReport => resource.resourceType === 'DiagnosticReport'));
  const observationIds = new Set(resources.filter((resource) => resource.resourceType === 'Observation').map((o) => `Observation/${o.id}`));
  const contextEncounter = prefetch[CONTEXT_ENCOUNTER_KEY] as FhirResource | null | undefined;
  if (contextEncounter?.resourceType === 'Encounter' && isAboutPatient(contextEncounter, patientId)) {
    readContextEncounter(contextEncounter, t, record);
  }
  for (const resource of resources) {
    switch (resource.resourceType) {
      case 'Patient':
        readPatient(resource, t, record);
        break;
      case 'Condition':
        readCondition(resource, t, record);
        break;
      case 'Observation':
        readObservation(resource, t, record, resource.id === undefined ? undefined : links.get(`Observation/${resource.id}`));
        break;
      case 'Procedure':
        readProcedure(resource, t, record);
        break;
      case 'MedicationRequest':
      case 'MedicationStatement':
      case 'MedicationAdministration':
        readMedication(resource, t, record);
        break;
      case 'Encounter':
        readEncounter(resource, t, record);
        break;
      case 'EpisodeOfCare':
        readEpisodeOfCare(resource, t, record);
        break;
      case 'QuestionnaireResponse':
        readQuestionnaireResponse(resource, t, record);
        break;
      case 'ServiceRequest':
        readServiceRequest(resource, t, record);
        break;
      case 'DiagnosticReport':
        readDiagnosticReport(
          resource,
          t,
          record,
          (resource.result ?? []).some((ref) => observationIds.has(ref.reference?.split('/').slice(-2).join('/') ?? '')),
        );
        break;
      default:
        break;
    }
  }
  return record;
}

/**
 * In prefetch order; a later copy of a resource replaces the earlier one in its place. Positions are
 * found by type, then id: a joined key would build a string per resource.
 */
function uniqueResources(prefetch: PrefetchValues): FhirResource[] {
  const unique: FhirResource[] = [];
  const positions = new Map<string, Map<string, number>>();
  const add = (resource: FhirResource): void => {
    if (resource.id === undefined) {
      unique.push(resource);
      return;
    }
    let ofType = positions.get(resource.resourceType);
    if (!ofType) {
      ofType = new Map();
      positions.set(resource.resourceType, ofType);
    }
    const position = ofType.get(resource.id);
    if (position === undefined) {
      ofType.set(resource.id, unique.push(resource) - 1);
    } else {
      unique[position] = resource;
    }
  };
  for (const value of Object.values(prefetch)) {
    unwrap(value, add);
  }
  return unique;
}

function unwrap(value: unknown, add: (resource: FhirResource) => void): void {
  if (!value || typeof value !== 'object' || typeof (value as { resourceType?: unknown }).resourceType !== 'string') {
    return;
  }
  const resource = value as FhirResource;
  if (resource.resourceType === 'Bundle') {
    for (const entry of resource.entry ?? []) {
      unwrap(entry.resource, add);
    }
  } else if (resource.resourceType !== 'OperationOutcome') {
    add(resource);
  }
}

function isAboutPatient(resource: FhirResource, patientId: string): boolean {
  if (resource.resourceType === 'Patient') {
    return resource.id === undefined || resource.id === patientId;
  }
  const ref =
    (resource as { subject?: { reference?: string }; patient?: { reference?: string } }).subject?.reference ??
    (resource as { patient?: { reference?: string } }).patient?.reference;
  // Resources without a subject are kept: prefetch queries are already patient-scoped.
  return ref === undefined || ref === `Patient/${patientId}` || ref.endsWith(`/Patient/${patientId}`) || ref === patientId;
}
