import type { Bundle, FhirResource } from 'fhir/r4';
import { DEMO_PATIENTS } from './lib/demo-patients';
import { PUBLISHED_VIGNETTES } from './lib/published-vignettes';

export { DEMO_PATIENTS } from './lib/demo-patients';
export { PUBLISHED_VIGNETTES } from './lib/published-vignettes';
export { dateAgo, startOfUtcDay } from './lib/relative-dates';
export { PatientBundleBuilder } from './lib/patient-bundle-builder';

/**
 * Every demo patient's transaction Bundle for `today`, followed (unless `includeVignettes: false`)
 * by the 47 published vignettes. All ids are distinct, so all bundles can be loaded into one server;
 * entries are PUTs, so loading them again changes nothing.
 */
export function allDemoBundles(today: Date = new Date(), options: { readonly includeVignettes?: boolean } = {}): Bundle<FhirResource>[] {
  const demos = DEMO_PATIENTS.map((p) => p.bundle(today));
  if (options.includeVignettes === false) {
    return demos;
  }
  return [...demos, ...PUBLISHED_VIGNETTES.map((v) => v.bundle(today))];
}
