import type { Bundle, FhirResource } from 'fhir/r4';

/** The resources of a Bundle, skipping entries that carry none (e.g. outcome-only entries). */
export function bundleResources(bundle: Bundle<FhirResource>): FhirResource[] {
  return (bundle.entry ?? []).flatMap((e) => (e.resource ? [e.resource] : []));
}

export function isBundle(value: unknown): value is Bundle {
  return (value as { resourceType?: unknown } | null)?.resourceType === 'Bundle';
}
