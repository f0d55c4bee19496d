import type { CdsService } from '@pcb-cds/cds-hooks-model';
import type { Bundle, FhirResource } from 'fhir/r4';
// The browser tests run the viewer against the product's own CDS services and demo patients; the viewer's own code never imports the guideline (lint keeps scope:card-viewer apart).
// eslint-disable-next-line @nx/enforce-module-boundaries
import { allDemoBundles, DEMO_PATIENTS } from '@pcb-cds/postcoital-bleeding-demo-patients';
// eslint-disable-next-line @nx/enforce-module-boundaries
import { buildGuidelineConfiguration, PcbOrderHookCdsService, PostcoitalBleedingCdsService } from '@pcb-cds/postcoital-bleeding-service';

export interface ProductServices {
  services: CdsService[];
}

/** The product's CDS services (US defaults) as `npm start` serves them, patient-view and both order hooks, evaluating as of `today`. */
export function productServices(today: Date): ProductServices {
  const settings = { ...buildGuidelineConfiguration({}), clock: () => today };
  return {
    services: [
      new PostcoitalBleedingCdsService(settings),
      new PcbOrderHookCdsService(settings, 'order-select'),
      new PcbOrderHookCdsService(settings, 'order-sign'),
    ],
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
