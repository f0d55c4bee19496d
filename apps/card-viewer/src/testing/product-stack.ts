import type { INestApplication } from '@nestjs/common';
import { Module } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import type { CardViewerOptions } from '@pcb-cds/card-viewer-backend';
import { CardViewerModule, ViewerSigner } from '@pcb-cds/card-viewer-backend';
import { CdsHooksApiModule, configureCdsHooksHttp } from '@pcb-cds/cds-hooks-api';
import { CdsClientAuthModule } from '@pcb-cds/cds-hooks-auth';
import type { CdsService } from '@pcb-cds/cds-hooks-model';
import type { FhirSandbox } from '@pcb-cds/fhir-sandbox';
import { startFhirSandbox } from '@pcb-cds/fhir-sandbox';
import type { Bundle, FhirResource } from 'fhir/r4';
import type { AddressInfo } from 'node:net';
import { CapturingFeedbackSink } from './capturing-feedback-sink';
import { unusedLoopbackUrl } from './unused-loopback-url';

export interface ProductStack {
  /** The page: `{serverUrl}/viewer/`. */
  viewerUrl: string;
  serverUrl: string;
  fhirBaseUrl: string;
  sandbox: FhirSandbox;
  feedback: CapturingFeedbackSink;
  /** GET on the FHIR sandbox, as JSON. */
  fhirGet<T>(path: string): Promise<T>;
  /** POST a hook straight to the CDS service (what the page should show). */
  callService<T>(serviceId: string, body: unknown): Promise<T>;
  close(): Promise<void>;
}

/**
 * The viewer's test stack, on ephemeral loopback ports: the FHIR sandbox loaded with `bundles`, and one Nest app
 * serving the given CDS services (with a capturing feedback sink) and the card viewer, with the modules and HTTP
 * set-up the product uses for them. It is not the product's composition root (compose-app.ts in the cds-service
 * app: one app cannot import another), so what the viewer needs of the product as a whole — its access token,
 * origin checks and signing through the real wiring — is tested there (card-viewer-security.int.spec.ts).
 */
export async function startProductStack(options: {
  siteDir: string;
  services: CdsService[];
  bundles: Bundle<FhirResource>[];
  viewer?: Partial<CardViewerOptions>;
  /**
   * Client authentication on, as `CARD_VIEWER=on` with `CARD_VIEWER_TOKEN` runs it: the service needs client JWTs
   * (audience: this server's URL), the viewer signs with a key pinned as a trusted client and asks for `accessToken`.
   */
  clientAuth?: { accessToken: string };
}): Promise<ProductStack> {
  const sandbox = await startFhirSandbox({ port: 0 });
  for (const bundle of options.bundles) {
    await sandbox.transaction(bundle);
  }
  const feedback = new CapturingFeedbackSink();
  // With client authentication the port is chosen first: the service checks a JWT's aud against its own URL.
  const listenUrl = options.clientAuth ? new URL(await unusedLoopbackUrl()) : undefined;
  const signer = options.clientAuth ? await ViewerSigner.create() : undefined;
  const issuer = 'http://localhost/viewer';
  @Module({
    imports: [
      ...(listenUrl && signer
        ? [
            CdsClientAuthModule.forRoot({
              mode: 'on',
              trustedClients: { clients: [{ iss: issuer, jwks: signer.jwks() }] },
              publicBaseUrl: listenUrl.origin,
            }),
          ]
        : []),
      CdsHooksApiModule.register({ services: options.services, feedbackSink: feedback }),
      CardViewerModule.forRoot({
        staticDir: options.siteDir,
        fhirBaseUrl: sandbox.baseUrl,
        ...(options.clientAuth && signer
          ? {
              signing: { issuer, signer },
              accessToken: options.clientAuth.accessToken,
              serviceIds: options.services.map((s) => s.definition.id),
            }
          : {}),
        ...options.viewer,
      }),
    ],
  })
  class ProductModule {}
  let app: INestApplication;
  try {
    app = await NestFactory.create(ProductModule, { bodyParser: false, logger: false });
    configureCdsHooksHttp(app);
    await app.listen(listenUrl ? Number(listenUrl.port) : 0, '127.0.0.1');
  } catch (error) {
    await sandbox.close();
    throw error;
  }
  const serverUrl = `http://127.0.0.1:${(app.getHttpServer().address() as AddressInfo).port}`;
  return {
    viewerUrl: `${serverUrl}/viewer/`,
    serverUrl,
    fhirBaseUrl: sandbox.baseUrl,
    sandbox,
    feedback,
    async fhirGet<T>(path: string): Promise<T> {
      const res = await fetch(`${sandbox.baseUrl}/${path}`, { headers: { accept: 'application/fhir+json' } });
      return (await res.json()) as T;
    },
    async callService<T>(serviceId: string, body: unknown): Promise<T> {
      const res = await fetch(`${serverUrl}/cds-services/${serviceId}`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify(body),
      });
      return (await res.json()) as T;
    },
    async close(): Promise<void> {
      await app.close();
      await sandbox.close();
    },
  };
}
