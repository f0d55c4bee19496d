export { prefetchTemplates } from './lib/prefetch-templates';
export { toPatientRecord } from './lib/to-patient-record';
export { CODED_DRAFT_ORDER_TYPES, readDraftOrders, selectedDrafts } from './lib/read-draft-orders';
export { prefetchWithoutDrafts } from './lib/prefetch-without-drafts';
