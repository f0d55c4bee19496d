import type { FhirResource } from '../hooks/cds-wire.js';

/** The few FHIR R4 JSON shapes the banner reads; everything is optional because records are incomplete. */
export interface CodingJson {
  system?: string;
  code?: string;
  display?: string;
}

export interface CodeableConceptJson {
  coding?: CodingJson[];
  text?: string;
}

export interface PatientJson extends FhirResource {
  resourceType: 'Patient';
  name?: { text?: string; given?: string[]; family?: string; use?: string }[];
  gender?: string;
  birthDate?: string;
}

export interface BundleJson extends FhirResource {
  resourceType: 'Bundle';
  entry?: { resource?: FhirResource }[];
  link?: { relation?: string; url?: string }[];
}

export function codingsOf(concept: unknown): CodingJson[] {
  const codings = (concept as CodeableConceptJson | undefined)?.coding;
  return Array.isArray(codings) ? codings : [];
}

/** The resources of a search Bundle (search mode `match` and `include` alike). */
export function bundleResources(bundle: BundleJson): FhirResource[] {
  return (bundle.entry ?? [])
    .map((e) => e.resource)
    .filter((r): r is FhirResource => r !== undefined && typeof r.resourceType === 'string');
}

/** The Bundle's `next` page, if any. */
export function nextPageUrl(bundle: BundleJson): string | undefined {
  return bundle.link?.find((l) => l.relation === 'next')?.url;
}
