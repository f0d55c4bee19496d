export { defaultTerminology, Terminology } from './lib/terminology';
export type { SiteCodeMappings, ValueSetName } from './lib/terminology';
export { PCB_FACTS_CODE_SYSTEM, PCB_HISTORY_QUESTIONNAIRE } from './lib/published-resources';
export { orderReasonCodes } from './lib/order-reason-codes';
export type { ReasonFacts, ReasonJurisdiction } from './lib/order-reason-codes';
export type { OrderKind } from './lib/order-catalogue';
