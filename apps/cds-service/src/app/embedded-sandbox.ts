import type { Bundle, FhirResource } from 'fhir/r4';
import type { FhirSandbox } from '@pcb-cds/fhir-sandbox';
import { startFhirSandbox } from '@pcb-cds/fhir-sandbox';
import { demoDataBundles } from './demo-data';

/**
 * The zero-setup FHIR server: an in-process FHIR R4 sandbox on 127.0.0.1 loaded with the project's
 * CodeSystem and Questionnaire, the demo patients and the published vignettes, dated relative to `today`.
 */
export function startEmbeddedSandbox(port: number, today: Date): Promise<FhirSandbox> {
  return startSandboxWith(port, demoDataBundles(today));
}

/** The same sandbox loaded with other transaction bundles (a test's own charts). */
export async function startSandboxWith(port: number, bundles: Bundle<FhirResource>[]): Promise<FhirSandbox> {
  const sandbox = await startFhirSandbox({ host: '127.0.0.1', port });
  for (const bundle of bundles) {
    await sandbox.transaction(bundle);
  }
  return sandbox;
}
