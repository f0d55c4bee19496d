import { randomUUID } from 'node:crypto';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { INestApplication } from '@nestjs/common';
import type { Bundle, FhirResource } from 'fhir/r4';
import { buildPrefetch } from '@pcb-cds/cds-hooks-api';
import type { CdsResponse, DiscoveryResponse } from '@pcb-cds/cds-hooks-model';
import type { FhirSandbox } from '@pcb-cds/fhir-sandbox';
import type { Jurisdiction } from '@pcb-cds/postcoital-bleeding-facts';
import { PCB_SERVICE_ID } from '@pcb-cds/postcoital-bleeding-service';
import { loadConfig } from '../app-config';
import type { FeedbackStoreWiring } from '../card-memory-setup';
import type { ComposeOverrides } from '../compose-app';
import { composeApp } from '../compose-app';

export interface PcbTestStack {
  serviceUrl: string;
  fhirBaseUrl: string;
  app: INestApplication;
  sandbox: FhirSandbox;
  /** POST a patient-view hook over HTTP; `prefetch: 'full'` sends every key built beforehand (buildPrefetch). */
  patientView(patientId: string, options?: { prefetch?: 'none' | 'full' }): Promise<{ status: number; body: CdsResponse }>;
  close(): Promise<void>;
}

/**
 * The product as `npm start` runs it (composeApp), on ephemeral loopback ports: the embedded FHIR sandbox loaded
 * with `bundles`, and the CDS service (real HTTP) evaluating as of `today`. Its feedback store is an SQLite file
 * of its own unless `feedback` is given; the rate limit is off and shutdown does not drain.
 */
export async function startPcbTestStack(options: {
  today: string;
  bundles: Bundle<FhirResource>[];
  jurisdiction?: Jurisdiction;
  /** A guideline configuration file's content. */
  configuration?: unknown;
  /** A feedback store the test reads back. With `patientHashSalt`, card memory is on. */
  feedback?: FeedbackStoreWiring;
  /** CDS client authentication; default off (these tests are about the guideline, not the JWTs). */
  auth?: ComposeOverrides['auth'];
  /** Headers for every hook call (e.g. a client JWT, per URL). */
  headers?: (url: string) => Promise<Record<string, string>>;
  /** More configuration, as the environment gives it (e.g. FHIR_SERVER_ALLOWLIST). */
  env?: Record<string, string>;
}): Promise<PcbTestStack> {
  const dir = mkdtempSync(join(tmpdir(), 'pcb-test-stack-'));
  const configFile = options.configuration === undefined ? undefined : join(dir, 'guideline.json');
  if (configFile) {
    writeFileSync(configFile, JSON.stringify(options.configuration));
  }
  const config = loadConfig({
    HOST: '127.0.0.1',
    PORT: '0',
    FHIR_SANDBOX_PORT: '0',
    PCB_EVALUATION_DATE: options.today,
    CDS_AUTH: options.auth?.mode ?? 'off',
    RATE_LIMIT_PER_MINUTE: '0',
    SHUTDOWN_DRAIN_MS: '0',
    FEEDBACK_SQLITE_PATH: join(dir, 'feedback.sqlite'),
    ...(options.jurisdiction ? { PCB_JURISDICTION: options.jurisdiction } : {}),
    ...(configFile ? { PCB_CONFIG_FILE: configFile } : {}),
    ...options.env,
  });
  const composed = await composeApp(config, {
    logger: false,
    sandboxBundles: options.bundles,
    ...(options.feedback ? { feedback: options.feedback } : {}),
    ...(options.auth ? { auth: options.auth } : {}),
  });
  const { app } = composed;
  const sandbox = composed.sandbox as FhirSandbox;
  await app.listen(config.port, config.host);
  const serviceUrl = `http://127.0.0.1:${(app.getHttpServer().address() as { port: number }).port}`;
  const headersFor = options.headers ?? (async (): Promise<Record<string, string>> => ({}));
  const discovery = (await (
    await fetch(`${serviceUrl}/cds-services`, { headers: await headersFor(`${serviceUrl}/cds-services`) })
  ).json()) as DiscoveryResponse;
  const templates = discovery.services.find((s) => s.id === PCB_SERVICE_ID)?.prefetch ?? {};

  return {
    serviceUrl,
    fhirBaseUrl: sandbox.baseUrl,
    app,
    sandbox,
    async patientView(patientId, { prefetch = 'none' } = {}) {
      const context = { userId: 'Practitioner/example', patientId };
      const body = {
        hook: 'patient-view',
        hookInstance: randomUUID(),
        context,
        ...(prefetch === 'full'
          ? { prefetch: await buildPrefetch(templates, context, { fhirBaseUrl: sandbox.baseUrl }) }
          : { fhirServer: sandbox.baseUrl }),
      };
      const url = `${serviceUrl}/cds-services/${PCB_SERVICE_ID}`;
      const res = await fetch(url, {
        method: 'POST',
        headers: { 'content-type': 'application/json', ...(await headersFor(url)) },
        body: JSON.stringify(body),
      });
      return { status: res.status, body: (await res.json()) as CdsResponse };
    },
    close: () => composed.close(),
  };
}
