export { PostcoitalBleedingCdsService } from './lib/postcoital-bleeding.cds-service';
export { PcbOrderHookCdsService } from './lib/order-hook.cds-service';
export { PCB_SERVICE_ID } from './lib/service-definition';
export { PCB_ORDER_SELECT_SERVICE_ID, PCB_ORDER_SIGN_SERVICE_ID } from './lib/order-service-definitions';
export { buildGuidelineConfiguration, GuidelineConfigurationError } from './lib/guideline-configuration';
export type { GuidelineConfiguration } from './lib/guideline-configuration';
