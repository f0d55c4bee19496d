import type { CdsServiceDefinition, DiscoveryResponse } from './cds-wire.js';

/** The services the viewer drives, found in discovery by hook (preferring the product's own ids). */
export interface ViewerServices {
  patientView?: CdsServiceDefinition;
  orderSelect?: CdsServiceDefinition;
  orderSign?: CdsServiceDefinition;
}

export const PREFERRED_SERVICE_IDS = {
  patientView: 'pcb-evaluation',
  orderSelect: 'pcb-order-select',
  orderSign: 'pcb-order-sign',
} as const;

export function findViewerServices(discovery: DiscoveryResponse): ViewerServices {
  const pick = (hook: string, preferredId: string): CdsServiceDefinition | undefined => {
    const forHook = discovery.services.filter((s) => s.hook === hook);
    return forHook.find((s) => s.id === preferredId) ?? forHook[0];
  };
  return {
    patientView: pick('patient-view', PREFERRED_SERVICE_IDS.patientView),
    orderSelect: pick('order-select', PREFERRED_SERVICE_IDS.orderSelect),
    orderSign: pick('order-sign', PREFERRED_SERVICE_IDS.orderSign),
  };
}
