import { getResourceTypes } from '@medplum/core';
import type { CapabilityStatement, CapabilityStatementRestResource } from 'fhir/r4';

const TYPE_INTERACTIONS = ['read', 'vread', 'update', 'patch', 'delete', 'history-instance', 'create', 'search-type'] as const;

/**
 * medplum's router has no `/metadata` route. Clients (fhir-kit-client's `capabilityStatement()`,
 * the CDS Hooks sandbox, SMART libraries) probe it, so we answer a minimal statement: version,
 * JSON only, every R4 resource type with the interactions the router serves.
 */
export function buildCapabilityStatement(baseUrl: string, date: Date = new Date()): CapabilityStatement {
  const resource: CapabilityStatementRestResource[] = getResourceTypes()
    .sort()
    .map((type) => ({
      type: type as CapabilityStatementRestResource['type'],
      interaction: TYPE_INTERACTIONS.map((code) => ({ code })),
    }));
  return {
    resourceType: 'CapabilityStatement',
    status: 'active',
    date: date.toISOString(),
    kind: 'instance',
    software: { name: 'pcb-cds FHIR sandbox' },
    implementation: {
      description: 'In-memory FHIR R4 sandbox: synthetic data only, no persistence',
      url: baseUrl,
    },
    fhirVersion: '4.0.1',
    format: ['application/fhir+json', 'json'],
    rest: [
      {
        mode: 'server',
        security: {
          description: 'None: Authorization headers are accepted and ignored',
        },
        interaction: [{ code: 'transaction' }, { code: 'batch' }, { code: 'search-system' }],
        resource,
      },
    ],
  };
}
