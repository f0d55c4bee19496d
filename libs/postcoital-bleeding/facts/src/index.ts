export { emptyPatientRecord } from './lib/patient-record';
export type {
  CervicalHistoryKind,
  CytologyResult,
  Dated,
  HistologyResult,
  HpvResult,
  HysterectomyGroup,
  IsoDate,
  PatientRecord,
  PregnancyOfConcernKind,
  RiskKind,
  UnrecognisedResult,
} from './lib/patient-record';
export type { DataGap, DataGapTopic, PostcoitalBleedingFacts } from './lib/postcoital-bleeding-facts';
export { defaultParameters, UK_PARAMETERS, US_PARAMETERS } from './lib/guideline-parameters';
export type { GuidelineParameters, Jurisdiction } from './lib/guideline-parameters';
export { deriveFacts } from './lib/derive-facts';
export { addMonths, daysBetween, durationInWords, withinDays, withinMonths } from './lib/dates';
