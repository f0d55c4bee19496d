import type { FhirSandbox } from '@pcb-cds/fhir-sandbox';
import { startFhirSandbox } from '@pcb-cds/fhir-sandbox';
import { demoDataBundles } from './demo-data';

/**
 * The zero-setup FHIR server: an in-process FHIR R4 sandbox on 127.0.0.1 loaded with the project's
 * CodeSystem and Questionnaire, the demo patients and the published vignettes, dated relative to `today`.
 */
export async function startEmbeddedSandbox(port: number, today: Date): Promise<FhirSandbox> {
  const sandbox = await startFhirSandbox({ host: '127.0.0.1', port });
  for (const bundle of demoDataBundles(today)) {
    await sandbox.transaction(bundle);
  }
  return sandbox;
}
