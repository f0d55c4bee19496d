import type { Terminology, ValueSetName } from '@pcb-cds/postcoital-bleeding-terminology';

/** Observation codes the facts read: asking only for these keeps the prefetch small (minimum necessary). */
const OBSERVATION_VALUE_SETS: ValueSetName[] = [
  'postcoitalBleeding',
  'genderIdentity',
  'pregnancyStatus',
  'gestationalAge',
  'estimatedDeliveryDate',
  'lastMenstrualPeriod',
  'hcgQualitative',
  'hcgQuantitative',
  'menopausalStatus',
  'cytologyTest',
  'hpvTest',
  'chlamydiaNaat',
  'gonorrheaNaat',
  'ctNgNaat',
  'trichomonasNaat',
  'newSexualPartner',
  'systolicBloodPressure',
  'bloodPressurePanel',
  'heartRate',
  'bodyTemperature',
  'rhDType',
  'endometrialThickness',
  'cervicalHistologyTest',
  'immuneStatus',
  'menopausalStatusFindingCode',
  'cervixAbsentObservation',
  'placentaPraevia',
  'placentaNotLow',
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
  | 'diagnosticReports'
  | 'medicationAdministrations'
  | 'episodesOfCare'
  | 'encounter';

/**
 * The CDS Hooks prefetch templates (2.0 tokens only). Built from the terminology so that site codes
 * added by a mapping file are also requested. Reports come with the Observations they list
 * (`_include=DiagnosticReport:result`: linked results may carry codes the Observation query does not
 * ask for); `encounter` is the hook's own Encounter (absent when the context has none).
 */
export function prefetchTemplates(t: Terminology): Record<PrefetchKey, string> {
  const patient = '{{context.patientId}}';
  const observationCodes = [
    ...OBSERVATION_VALUE_SETS.flatMap((vs) => t.searchTokens(vs)),
    ...t.conceptMapTokens('examFinding'),
    ...t.conceptMapTokens('symptom'),
    ...t.conceptMapTokens('menopausalStatusFinding'),
  ];
  const pcbEncounterCodes = t.searchTokens('postcoitalBleeding');
  return {
    patient: `Patient/${patient}`,
    conditions: `Condition?patient=${patient}`,
    observations: `Observation?patient=${patient}&code=${observationCodes.map(encodeURIComponent).join(',')}`,
    procedures: `Procedure?patient=${patient}`,
    // Completed requests: an immunosuppressant taken in the last 12 months still counts (fact-encoding.md rev 2).
    medicationRequests: `MedicationRequest?patient=${patient}&status=active,completed`,
    medicationStatements: `MedicationStatement?patient=${patient}&status=active,completed`,
    medicationAdministrations: `MedicationAdministration?patient=${patient}&status=completed,in-progress`,
    episodesOfCare: `EpisodeOfCare?patient=${patient}&status=active&type=${t.searchTokens('antenatalEpisode').map(encodeURIComponent).join(',')}`,
    encounter: 'Encounter/{{context.encounterId}}',
    encounters: `Encounter?patient=${patient}&reason-code=${pcbEncounterCodes.map(encodeURIComponent).join(',')}`,
    questionnaireResponses: `QuestionnaireResponse?patient=${patient}`,
    serviceRequests: `ServiceRequest?patient=${patient}&status=active,draft,on-hold`,
    diagnosticReports: `DiagnosticReport?patient=${patient}&_include=DiagnosticReport:result`,
  };
}
