export { isGuidelineOrder } from './lib/draft-order';
export type { DraftOrder } from './lib/draft-order';
export type { DraftConcern, DraftVerdict } from './lib/draft-verdict';
export { reviewDraftOrders } from './lib/review-draft-orders';
