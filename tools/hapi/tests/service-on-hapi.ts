import { randomUUID } from 'node:crypto';
import type { Bundle } from 'fhir/r4';
import type { CdsResponse, DiscoveryResponse } from '@pcb-cds/cds-hooks-model';
import { FhirRestClient } from '@pcb-cds/fhir-client';
import type { Jurisdiction } from '@pcb-cds/postcoital-bleeding-facts';
import { PCB_SERVICE_ID } from '@pcb-cds/postcoital-bleeding-service';
import type { PcbTestStack } from '../../../apps/cds-service/src/app/testing/pcb-test-stack';
import { startPcbTestStack } from '../../../apps/cds-service/src/app/testing/pcb-test-stack';
import { hapiBaseUrl } from './hapi-fhir';

/**
 * How the hook call carries the patient's data:
 * - `none`: no prefetch, `fhirServer` = HAPI: the service queries HAPI itself;
 * - `full`: every discovery template resolved on HAPI beforehand, all pages, as an EHR would; no `fhirServer`;
 * - `paged`: each search template's FIRST page only, `_count=<n>`, so HAPI's `next` links travel in the
 *   prefetch, with `fhirServer` = HAPI for the service to follow them.
 */
export type PrefetchMode = 'none' | 'full' | { pageSize: number };

export interface ServiceOnHapi {
  stack: PcbTestStack;
  templates: Record<string, string>;
  patientView(patientId: string, prefetch: PrefetchMode): Promise<{ status: number; body: CdsResponse }>;
  close(): Promise<void>;
}

/**
 * The CDS service as the product's test stack runs it (startPcbTestStack; its embedded sandbox stays empty),
 * with HAPI as the FHIR server of every hook call.
 */
export async function startServiceOnHapi(options: { today: string; jurisdiction?: Jurisdiction }): Promise<ServiceOnHapi> {
  const stack = await startPcbTestStack({ today: options.today, jurisdiction: options.jurisdiction, bundles: [] });
  const discovery = (await (await fetch(`${stack.serviceUrl}/cds-services`)).json()) as DiscoveryResponse;
  const templates = discovery.services.find((s) => s.id === PCB_SERVICE_ID)?.prefetch ?? {};
  const fhir = hapiBaseUrl();
  const client = new FhirRestClient({ baseUrl: fhir, timeoutMs: 60_000 });

  const resolve = async (patientId: string, mode: Exclude<PrefetchMode, 'none'>): Promise<Record<string, unknown>> => {
    const entries = await Promise.all(
      Object.entries(templates).map(async ([key, template]) => {
        const url = template.replace('{{context.patientId}}', patientId);
        if (mode === 'full' || !url.includes('?')) {
          return [key, await client.get(url)] as const;
        }
        const res = await fetch(`${fhir}/${url}&_count=${mode.pageSize}`, { headers: { accept: 'application/fhir+json' } });
        return [key, (await res.json()) as Bundle] as const;
      }),
    );
    return Object.fromEntries(entries);
  };

  return {
    stack,
    templates,
    async patientView(patientId, prefetch) {
      const body = {
        hook: 'patient-view',
        hookInstance: randomUUID(),
        context: { userId: 'Practitioner/example', patientId },
        ...(prefetch === 'none' ? { fhirServer: fhir } : { prefetch: await resolve(patientId, prefetch) }),
        ...(typeof prefetch === 'object' ? { fhirServer: fhir } : {}),
      };
      const res = await fetch(`${stack.serviceUrl}/cds-services/${PCB_SERVICE_ID}`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify(body),
      });
      return { status: res.status, body: (await res.json()) as CdsResponse };
    },
    close: () => stack.close(),
  };
}
