import type { Bundle, FhirResource } from 'fhir/r4';
import { allDemoBundles } from '@pcb-cds/postcoital-bleeding-demo-patients';
import { PCB_FACTS_CODE_SYSTEM, PCB_HISTORY_QUESTIONNAIRE } from '@pcb-cds/postcoital-bleeding-terminology';

/**
 * Everything a demo FHIR server gets: the project's CodeSystem and history Questionnaire, the demo
 * patients and the published vignettes. All PUTs with stable ids, so loading twice changes nothing.
 */
export function demoDataBundles(today: Date): Bundle<FhirResource>[] {
  const published = [PCB_FACTS_CODE_SYSTEM, PCB_HISTORY_QUESTIONNAIRE] as unknown as FhirResource[];
  const artefacts: Bundle<FhirResource> = {
    resourceType: 'Bundle',
    type: 'transaction',
    entry: published.map((resource) => ({
      fullUrl: `${resource.resourceType}/${resource.id}`,
      resource,
      request: { method: 'PUT', url: `${resource.resourceType}/${resource.id}` },
    })),
  };
  return [artefacts, ...allDemoBundles(today)];
}
