import type { CdsService } from '@pcb-cds/cds-hooks-model';
import type { Bundle, FhirResource } from 'fhir/r4';
// The browser tests run the whole product as `npm start` wires it, so they need the guideline's services and
// demo patients; the viewer's own code never imports the guideline (lint keeps scope:card-viewer apart).
// eslint-disable-next-line @nx/enforce-module-boundaries
import { allDemoBundles, DEMO_PATIENTS } from '@pcb-cds/postcoital-bleeding-demo-patients';
// eslint-disable-next-line @nx/enforce-module-boundaries
import * as pcbService from '@pcb-cds/postcoital-bleeding-service';

type ServiceSettings = ReturnType<typeof pcbService.buildGuidelineConfiguration> & { clock: () => Date };
type ServiceClass = new (settings: ServiceSettings) => CdsService;

/** The order-hook services, looked up by name so these tests run (and skip the order cases) before they exist. */
const ORDER_SERVICE_CLASSES = ['PcbOrderSelectCdsService', 'PcbOrderSignCdsService'];

export interface ProductServices {
  services: CdsService[];
  /** Whether order-select and order-sign are served. */
  orderHooks: boolean;
}

/** The product's CDS services (US defaults), evaluating as of `today`. */
export function productServices(today: Date): ProductServices {
  const settings: ServiceSettings = { ...pcbService.buildGuidelineConfiguration({}), clock: () => today };
  const exported = pcbService as unknown as Record<string, ServiceClass | undefined>;
  const orderClasses = ORDER_SERVICE_CLASSES.map((name) => exported[name]).filter((c): c is ServiceClass => typeof c === 'function');
  const orderHooks = orderClasses.length === ORDER_SERVICE_CLASSES.length;
  return {
    services: [new pcbService.PostcoitalBleedingCdsService(settings), ...(orderHooks ? orderClasses.map((C) => new C(settings)) : [])],
    orderHooks,
  };
}

/** Every demo patient and published vignette, as `npm start` loads them. */
export function productBundles(today: Date): Bundle<FhirResource>[] {
  return allDemoBundles(today);
}

/** One demo patient's bundle. */
export function demoPatientBundle(id: string, today: Date): Bundle<FhirResource> {
  const patient = DEMO_PATIENTS.find((p) => p.id === id);
  if (!patient) {
    throw new Error(`No demo patient ${id}`);
  }
  return patient.bundle(today);
}

export const DEMO_PATIENT_IDS: readonly string[] = DEMO_PATIENTS.map((p) => p.id);
