import type { FhirSandbox } from '@pcb-cds/fhir-sandbox';
import { startFhirSandbox } from '@pcb-cds/fhir-sandbox';
import { allDemoBundles } from '@pcb-cds/postcoital-bleeding-demo-patients';

/**
 * The zero-setup FHIR server: an in-process FHIR R4 sandbox on 127.0.0.1 loaded with the demo
 * patients and the published vignettes, dated relative to `today`.
 */
export async function startEmbeddedSandbox(port: number, today: Date): Promise<FhirSandbox> {
  const sandbox = await startFhirSandbox({ host: '127.0.0.1', port });
  for (const bundle of allDemoBundles(today)) {
    await sandbox.transaction(bundle);
  }
  return sandbox;
}
