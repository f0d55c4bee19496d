import type { DynamicModule } from '@nestjs/common';
import { Module } from '@nestjs/common';
import type { CardViewerOptions } from './card-viewer.options';
import { CARD_VIEWER_OPTIONS, resolveCardViewerOptions } from './card-viewer.options';
import { CdsForwarder } from './cds-forwarder.service';
import { CdsProxyController } from './cds-proxy.controller';
import { ViewerConfigController } from './viewer-config.controller';
import { ViewerSigner } from './viewer-signer';
import { ViewerSigning } from './viewer-signing';
import { ViewerStaticController } from './viewer-static.controller';

/**
 * The card viewer, served by the app that imports it:
 *
 *   CardViewerModule.forRoot({ staticDir, fhirBaseUrl, cdsBaseUrl?, browserFhirBaseUrl?, accessToken?, serviceIds?,
 *                              publicOrigin?, signing?: { issuer, audienceBaseUrl?, signer?, tokenLifetimeSeconds? } })
 *
 * - GET  /viewer/                         the page (staticDir)
 * - GET  /viewer/config.json              FHIR base URL, proxy path, signing on/off               (checked*)
 * - GET  /viewer/.well-known/jwks.json    the viewer's public key (signing on)
 * - GET  /viewer/api/cds-services         discovery, through the proxy                              (checked*)
 * - POST /viewer/api/cds-services/:id[/feedback]  hook calls and feedback, signed when signing is on (checked*)
 *
 * (*) From the page's own origin only (403 otherwise; no CORS headers), with `Authorization: Bearer <accessToken>`
 * when one is set (401 otherwise). Signing requires an access token and the service ids: the proxy signs only
 * calls to those services, and hook calls only for `fhirBaseUrl`. The app imports the module only when the
 * viewer is on; without it every /viewer path is 404.
 *
 * The app must run `configureCdsHooksHttp(app)` (the proxy reads the JSON bodies it parses; CORS stays on
 * /cds-services).
 */
@Module({})
export class CardViewerModule {
  static forRoot(options: CardViewerOptions): DynamicModule {
    const resolved = resolveCardViewerOptions(options);
    return {
      module: CardViewerModule,
      // Order matters: the static controller's /viewer/*path would otherwise answer config.json and the JWKS.
      controllers: [ViewerConfigController, CdsProxyController, ViewerStaticController],
      providers: [
        { provide: CARD_VIEWER_OPTIONS, useValue: resolved },
        {
          provide: ViewerSigning,
          // The key pair is made once, at start-up (a few milliseconds), and kept in memory only.
          useFactory: async (): Promise<ViewerSigning> =>
            resolved.signing
              ? new ViewerSigning(resolved.signing.signer ?? (await ViewerSigner.create()), resolved.signing)
              : new ViewerSigning(undefined, undefined),
        },
        CdsForwarder,
      ],
    };
  }
}
