import codeSystem from '../fhir/CodeSystem-pcb-facts.json';
import questionnaire from '../fhir/Questionnaire-pcb-history.json';

/** The project's published FHIR artefacts: its CodeSystem and the history Questionnaire (seed 000). */
export const PCB_FACTS_CODE_SYSTEM = codeSystem;
export const PCB_HISTORY_QUESTIONNAIRE = questionnaire;
