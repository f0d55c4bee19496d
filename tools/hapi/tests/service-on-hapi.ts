import { randomUUID } from 'node:crypto';
import type { INestApplication } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import type { Bundle } from 'fhir/r4';
import { configureCdsHooksHttp } from '@pcb-cds/cds-hooks-api';
import type { CdsResponse, DiscoveryResponse } from '@pcb-cds/cds-hooks-model';
import { FhirRestClient } from '@pcb-cds/fhir-client';
import type { Jurisdiction } from '@pcb-cds/postcoital-bleeding-facts';
import { buildGuidelineConfiguration, PCB_SERVICE_ID } from '@pcb-cds/postcoital-bleeding-service';
import { AppModule } from '../../../apps/cds-service/src/app/app.module';
import { hapiBaseUrl } from './hapi-fhir';

/**
 * HAPI answers a search in tens of milliseconds once warm, but seconds on a loaded machine or cold: these
 * tests are about what HAPI answers, not how fast, so the service's FHIR deadlines are generous here.
 */
const PREFETCH_TIMEOUT_MS = 30_000;
const HOOK_DEADLINE_MS = 60_000;

/**
 * How the hook call carries the patient's data:
 * - `none`: no prefetch, `fhirServer` = HAPI: the service queries HAPI itself;
 * - `full`: every discovery template resolved on HAPI beforehand, all pages, as an EHR would; no `fhirServer`;
 * - `paged`: each search template's FIRST page only, `_count=<n>`, so HAPI's `next` links travel in the
 *   prefetch, with `fhirServer` = HAPI for the service to follow them.
 */
export type PrefetchMode = 'none' | 'full' | { pageSize: number };

export interface ServiceOnHapi {
  serviceUrl: string;
  templates: Record<string, string>;
  patientView(patientId: string, prefetch: PrefetchMode): Promise<{ status: number; body: CdsResponse }>;
  close(): Promise<void>;
}

/**
 * The CDS service wired as the product's test stack wires it (AppModule, real HTTP on loopback, auth off,
 * evaluating as of `today`), with HAPI as the FHIR server of every hook call.
 */
export async function startServiceOnHapi(options: { today: string; jurisdiction?: Jurisdiction }): Promise<ServiceOnHapi> {
  const app: INestApplication = await NestFactory.create(
    AppModule.forRoot({
      guideline: buildGuidelineConfiguration({}, options.jurisdiction),
      prefetchTimeoutMs: PREFETCH_TIMEOUT_MS,
      hookDeadlineMs: HOOK_DEADLINE_MS,
      evaluationDate: options.today,
      auth: { mode: 'off' },
    }),
    { bodyParser: false, logger: false },
  );
  configureCdsHooksHttp(app);
  await app.listen(0, '127.0.0.1');
  const serviceUrl = `http://127.0.0.1:${(app.getHttpServer().address() as { port: number }).port}`;
  const discovery = (await (await fetch(`${serviceUrl}/cds-services`)).json()) as DiscoveryResponse;
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
    serviceUrl,
    templates,
    async patientView(patientId, prefetch) {
      const body = {
        hook: 'patient-view',
        hookInstance: randomUUID(),
        context: { userId: 'Practitioner/example', patientId },
        ...(prefetch === 'none' ? { fhirServer: fhir } : { prefetch: await resolve(patientId, prefetch) }),
        ...(typeof prefetch === 'object' ? { fhirServer: fhir } : {}),
      };
      const res = await fetch(`${serviceUrl}/cds-services/${PCB_SERVICE_ID}`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify(body),
      });
      return { status: res.status, body: (await res.json()) as CdsResponse };
    },
    close: () => app.close(),
  };
}
