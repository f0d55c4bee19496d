import { randomUUID } from 'node:crypto';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Bundle } from 'fhir/r4';
import { buildPrefetch, substitutePrefetchTokens } from '@pcb-cds/cds-hooks-api';
import type { CdsResponse, DiscoveryResponse, HookContext } from '@pcb-cds/cds-hooks-model';
import type { Jurisdiction } from '@pcb-cds/postcoital-bleeding-facts';
import { PCB_SERVICE_ID } from '@pcb-cds/postcoital-bleeding-service';
import { loadConfig } from '../../../apps/cds-service/src/app/app-config';
import { composeApp } from '../../../apps/cds-service/src/app/compose-app';
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
 * - `full`: every discovery template resolved on HAPI beforehand (buildPrefetch), all pages, as an EHR would; no `fhirServer`;
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
 * The product as `npm start` composes it (composeApp: real HTTP on loopback, auth off, evaluating as of `today`),
 * with HAPI as its FHIR server (FHIR_BASE_URL) and the FHIR server of every hook call.
 */
export async function startServiceOnHapi(options: { today: string; jurisdiction?: Jurisdiction }): Promise<ServiceOnHapi> {
  const fhir = hapiBaseUrl();
  const config = loadConfig({
    HOST: '127.0.0.1',
    PORT: '0',
    FHIR_BASE_URL: fhir,
    CDS_AUTH: 'off',
    PCB_EVALUATION_DATE: options.today,
    ...(options.jurisdiction ? { PCB_JURISDICTION: options.jurisdiction } : {}),
    PREFETCH_TIMEOUT_MS: String(PREFETCH_TIMEOUT_MS),
    HOOK_DEADLINE_MS: String(HOOK_DEADLINE_MS),
    RATE_LIMIT_PER_MINUTE: '0',
    SHUTDOWN_DRAIN_MS: '0',
    FEEDBACK_SQLITE_PATH: join(mkdtempSync(join(tmpdir(), 'service-on-hapi-')), 'feedback.sqlite'),
  });
  const composed = await composeApp(config, { logger: false });
  const { app } = composed;
  await app.listen(config.port, config.host);
  const serviceUrl = `http://127.0.0.1:${(app.getHttpServer().address() as { port: number }).port}`;
  const discovery = (await (await fetch(`${serviceUrl}/cds-services`)).json()) as DiscoveryResponse;
  const templates = discovery.services.find((s) => s.id === PCB_SERVICE_ID)?.prefetch ?? {};

  /** Each search template's first page only: the remaining pages are for the service to fetch. */
  const firstPages = async (context: HookContext, pageSize: number): Promise<Record<string, unknown>> => {
    const entries = await Promise.all(
      Object.entries(templates).map(async ([key, template]) => {
        const filled = substitutePrefetchTokens(template, context);
        if (!filled.ok || !filled.url.includes('?')) {
          return [key, (await buildPrefetch({ [key]: template }, context, { fhirBaseUrl: fhir, timeoutMs: 60_000 }))[key]] as const;
        }
        const res = await fetch(`${fhir}/${filled.url}&_count=${pageSize}`, { headers: { accept: 'application/fhir+json' } });
        return [key, (await res.json()) as Bundle] as const;
      }),
    );
    return Object.fromEntries(entries);
  };

  return {
    serviceUrl,
    templates,
    async patientView(patientId, prefetch) {
      const context = { userId: 'Practitioner/example', patientId };
      const body = {
        hook: 'patient-view',
        hookInstance: randomUUID(),
        context,
        ...(prefetch === 'none' ? { fhirServer: fhir } : {}),
        ...(prefetch === 'full' ? { prefetch: await buildPrefetch(templates, context, { fhirBaseUrl: fhir, timeoutMs: 60_000 }) } : {}),
        ...(typeof prefetch === 'object' ? { prefetch: await firstPages(context, prefetch.pageSize), fhirServer: fhir } : {}),
      };
      const res = await fetch(`${serviceUrl}/cds-services/${PCB_SERVICE_ID}`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify(body),
      });
      return { status: res.status, body: (await res.json()) as CdsResponse };
    },
    close: () => composed.close(),
  };
}
