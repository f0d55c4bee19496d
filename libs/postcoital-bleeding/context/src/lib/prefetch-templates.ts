import type { Terminology, ValueSetName } from '@pcb-cds/postcoital-bleeding-terminology';

/** Observation codes the facts read: asking only for these keeps the prefetch small (minimum necessary). */
const OBSERVATION_VALUE_SETS: ValueSetName[] = [
  'postcoitalBleeding', 'genderIdentity', 'pregnancyStatus', 'gestationalAge', 'estimatedDeliveryDate',
  'lastMenstrualPeriod', 'hcgQualitative', 'hcgQuantitative', 'menopausalStatus', 'cytologyTest', 'hpvTest',
  'chlamydiaNaat', 'gonorrheaNaat', 'ctNgNaat', 'trichomonasNaat', 'newSexualPartner', 'systolicBloodPressure',
  'bloodPressurePanel', 'heartRate', 'bodyTemperature', 'rhDType', 'endometrialThickness',
];

export type PrefetchKey =
  | 'patient'
  | 'conditions'
  | 'observations'
  | 'procedures'
  | 'medicationRequests'
  | 'medicationStatements'
  | 'encounters'
  | 'questionnaireResponses'
  | 'serviceRequests'
  | 'diagnosticReports';

/**
 * The CDS Hooks prefetch templates (2.0 tokens only). Built from the terminology so that site codes
 * added by a mapping file are also requested.
 */
export function prefetchTemplates(t: Terminology): Record<PrefetchKey, string> {
  const patient = '{{context.patientId}}';
  const observationCodes = [
    ...OBSERVATION_VALUE_SETS.flatMap((vs) => t.searchTokens(vs)),
    ...t.conceptMapTokens('examFinding'),
    ...t.conceptMapTokens('symptom'),
  ];
  const pcbEncounterCodes = t.searchTokens('postcoitalBleeding');
  return {
    patient: `Patient/${patient}`,
    conditions: `Condition?patient=${patient}`,
    observations: `Observation?patient=${patient}&code=${observationCodes.map(encodeURIComponent).join(',')}`,
    procedures: `Procedure?patient=${patient}`,
    medicationRequests: `MedicationRequest?patient=${patient}&status=active`,
    medicationStatements: `MedicationStatement?patient=${patient}&status=active`,
    encounters: `Encounter?patient=${patient}&reason-code=${pcbEncounterCodes.map(encodeURIComponent).join(',')}`,
    questionnaireResponses: `QuestionnaireResponse?patient=${patient}`,
    serviceRequests: `ServiceRequest?patient=${patient}&status=active,draft,on-hold`,
    diagnosticReports: `DiagnosticReport?patient=${patient}`,
  };
}
