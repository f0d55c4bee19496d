import { randomUUID } from 'node:crypto';
import type { INestApplication } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import type { Bundle, FhirResource } from 'fhir/r4';
import { configureCdsHooksHttp } from '@pcb-cds/cds-hooks-api';
import type { CdsResponse, DiscoveryResponse } from '@pcb-cds/cds-hooks-model';
import { FhirRestClient } from '@pcb-cds/fhir-client';
import type { FhirSandbox } from '@pcb-cds/fhir-sandbox';
import { startFhirSandbox } from '@pcb-cds/fhir-sandbox';
import type { Jurisdiction } from '@pcb-cds/postcoital-bleeding-facts';
import { buildGuidelineConfiguration, PCB_SERVICE_ID } from '@pcb-cds/postcoital-bleeding-service';
import { AppModule } from '../app.module';
import type { FeedbackStoreWiring } from '../card-memory-setup';

export interface PcbTestStack {
  serviceUrl: string;
  fhirBaseUrl: string;
  app: INestApplication;
  sandbox: FhirSandbox;
  /** POST a patient-view hook over HTTP; `prefetch: 'full'` sends every key fetched beforehand. */
  patientView(patientId: string, options?: { prefetch?: 'none' | 'full' }): Promise<{ status: number; body: CdsResponse }>;
  close(): Promise<void>;
}

/**
 * The product as `npm start` runs it, on ephemeral loopback ports: the embedded FHIR sandbox loaded
 * with `bundles`, and the CDS service (real HTTP) evaluating as of `today`.
 */
export async function startPcbTestStack(options: {
  today: string;
  bundles: Bundle<FhirResource>[];
  jurisdiction?: Jurisdiction;
  /** A guideline configuration file's content. */
  configuration?: unknown;
  /** Durable feedback store; without it feedback is validated and logged only. With `patientHashSalt`, card memory is on. */
  feedback?: FeedbackStoreWiring;
  /** CDS client authentication; default off (these tests are about the guideline, not the JWTs). */
  auth?: Parameters<typeof AppModule.forRoot>[0]['auth'];
  /** Headers for every hook call (e.g. a client JWT, per URL). */
  headers?: (url: string) => Promise<Record<string, string>>;
}): Promise<PcbTestStack> {
  const sandbox = await startFhirSandbox({ port: 0 });
  for (const bundle of options.bundles) {
    await sandbox.transaction(bundle);
  }
  const app = await NestFactory.create(
    AppModule.forRoot({
      guideline: buildGuidelineConfiguration(options.configuration ?? {}, options.jurisdiction),
      prefetchTimeoutMs: 5000,
      evaluationDate: options.today,
      feedback: options.feedback,
      auth: options.auth ?? { mode: 'off' },
    }),
    { bodyParser: false, logger: false },
  );
  configureCdsHooksHttp(app);
  await app.listen(0, '127.0.0.1');
  const serviceUrl = `http://127.0.0.1:${(app.getHttpServer().address() as { port: number }).port}`;
  const headersFor = options.headers ?? (async (): Promise<Record<string, string>> => ({}));
  const discovery = (await (
    await fetch(`${serviceUrl}/cds-services`, { headers: await headersFor(`${serviceUrl}/cds-services`) })
  ).json()) as DiscoveryResponse;
  const templates = discovery.services.find((s) => s.id === PCB_SERVICE_ID)?.prefetch ?? {};

  const fullPrefetch = async (patientId: string): Promise<Record<string, unknown>> => {
    const client = new FhirRestClient({ baseUrl: sandbox.baseUrl });
    const entries = await Promise.all(
      Object.entries(templates).map(
        async ([key, template]) => [key, await client.get(template.replace('{{context.patientId}}', patientId))] as const,
      ),
    );
    return Object.fromEntries(entries);
  };

  return {
    serviceUrl,
    fhirBaseUrl: sandbox.baseUrl,
    app,
    sandbox,
    async patientView(patientId, { prefetch = 'none' } = {}) {
      const body = {
        hook: 'patient-view',
        hookInstance: randomUUID(),
        context: { userId: 'Practitioner/example', patientId },
        ...(prefetch === 'full' ? { prefetch: await fullPrefetch(patientId) } : { fhirServer: sandbox.baseUrl }),
      };
      const url = `${serviceUrl}/cds-services/${PCB_SERVICE_ID}`;
      const res = await fetch(url, {
        method: 'POST',
        headers: { 'content-type': 'application/json', ...(await headersFor(url)) },
        body: JSON.stringify(body),
      });
      return { status: res.status, body: (await res.json()) as CdsResponse };
    },
    async close() {
      await app.close();
      await sandbox.close();
    },
  };
}
