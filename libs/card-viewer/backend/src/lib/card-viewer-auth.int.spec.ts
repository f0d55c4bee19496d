import type { INestApplication } from '@nestjs/common';
import { Module } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { CdsHooksApiModule, configureCdsHooksHttp } from '@pcb-cds/cds-hooks-api';
import type { TrustedClientConfig } from '@pcb-cds/cds-hooks-auth';
import { CdsClientAuthModule } from '@pcb-cds/cds-hooks-auth';
import type { CdsService } from '@pcb-cds/cds-hooks-model';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { CardViewerSigningOptions } from './card-viewer.options';
import { CardViewerModule } from './card-viewer.module';
import { ViewerSigner } from './viewer-signer';

/**
 * The viewer's signed calls against the product's own client authentication (CdsClientAuthModule, on): the
 * trusted-clients entry pins the viewer's key, or points to its JWKS URL, as the shipped configuration would.
 */
const ISSUER = 'http://localhost/viewer';
const FHIR = 'http://127.0.0.1:8081/fhir';
const ACCESS_TOKEN = 'viewer-access-token-for-tests-0123456789';

const stub: CdsService = {
  definition: { id: 'stub', hook: 'patient-view', description: 'stub' },
  handle: async () => ({ cards: [{ summary: 'signed call accepted', indicator: 'info', source: { label: 'stub' } }] }),
};

async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

async function startSecuredApp(options: {
  port: number;
  trusted: TrustedClientConfig[];
  signing: CardViewerSigningOptions;
  publicBaseUrl?: string;
}): Promise<{ app: INestApplication; url: string }> {
  const site = mkdtempSync(join(tmpdir(), 'viewer-site-'));
  writeFileSync(join(site, 'index.html'), '<!doctype html>');
  @Module({
    imports: [
      // The audience is the service's own URL unless a public one is given (it is never read from the request).
      CdsClientAuthModule.forRoot({
        mode: 'on',
        trustedClients: { clients: options.trusted },
        publicBaseUrl: options.publicBaseUrl ?? `http://127.0.0.1:${options.port}`,
      }),
      CdsHooksApiModule.register({ services: [stub] }),
      CardViewerModule.forRoot({
        staticDir: site,
        fhirBaseUrl: FHIR,
        signing: options.signing,
        accessToken: ACCESS_TOKEN,
        serviceIds: ['stub'],
      }),
    ],
  })
  class SecuredAppModule {}
  const app = await NestFactory.create(SecuredAppModule, { bodyParser: false, logger: false });
  configureCdsHooksHttp(app);
  await app.listen(options.port, '127.0.0.1');
  return { app, url: `http://127.0.0.1:${options.port}` };
}

const hook = JSON.stringify({
  hook: 'patient-view',
  hookInstance: 'd1577c69-dfbe-44ad-ba6d-3e05e953b2ea',
  fhirServer: FHIR,
  context: { patientId: 'p1', userId: 'Practitioner/viewer' },
});
const viewerHeaders = { 'content-type': 'application/json', authorization: `Bearer ${ACCESS_TOKEN}` };
/** A call as the viewer's page makes it (with the viewer's access token), or straight to the service (without). */
const post = (url: string): Promise<Response> =>
  fetch(url, { method: 'POST', headers: url.includes('/viewer/') ? viewerHeaders : { 'content-type': 'application/json' }, body: hook });

describe('the viewer with client authentication on', () => {
  it('is accepted when its public key is pinned in the trusted clients; an unsigned call is not', async () => {
    const signer = await ViewerSigner.create();
    const { app, url } = await startSecuredApp({
      port: await freePort(),
      trusted: [{ iss: ISSUER, jwks: signer.jwks() }],
      signing: { issuer: ISSUER, signer },
    });
    try {
      expect((await post(`${url}/cds-services/stub`)).status).toBe(401);
      const viaViewer = await post(`${url}/viewer/api/cds-services/stub`);
      expect(viaViewer.status).toBe(200);
      expect(((await viaViewer.json()) as { cards: { summary: string }[] }).cards[0].summary).toBe('signed call accepted');
      expect((await fetch(`${url}/viewer/api/cds-services`, { headers: viewerHeaders })).status).toBe(200);
    } finally {
      await app.close();
    }
  });

  it('is accepted when the trusted clients point to its JWKS URL (the key made at start-up)', async () => {
    const port = await freePort();
    const jwksUrl = `http://127.0.0.1:${port}/viewer/.well-known/jwks.json`;
    const { app, url } = await startSecuredApp({ port, trusted: [{ iss: ISSUER, jwksUrl }], signing: { issuer: ISSUER } });
    try {
      expect((await post(`${url}/viewer/api/cds-services/stub`)).status).toBe(200);
    } finally {
      await app.close();
    }
  });

  it('signs for the public base URL when the service checks the audience against it', async () => {
    const signer = await ViewerSigner.create();
    const publicBaseUrl = 'https://cds.example.org/pcb';
    const trusted = [{ iss: ISSUER, jwks: signer.jwks() }];
    const wrong = await startSecuredApp({ port: await freePort(), trusted, publicBaseUrl, signing: { issuer: ISSUER, signer } });
    try {
      // Signed for the loopback URL it calls, which is not the audience this service expects.
      expect((await post(`${wrong.url}/viewer/api/cds-services/stub`)).status).toBe(401);
    } finally {
      await wrong.app.close();
    }
    const right = await startSecuredApp({
      port: await freePort(),
      trusted,
      publicBaseUrl,
      signing: { issuer: ISSUER, signer, audienceBaseUrl: publicBaseUrl },
    });
    try {
      expect((await post(`${right.url}/viewer/api/cds-services/stub`)).status).toBe(200);
    } finally {
      await right.app.close();
    }
  });
});
