import type { CardViewerOptions } from '@pcb-cds/card-viewer-backend';
import { ViewerSigner } from '@pcb-cds/card-viewer-backend';
import type { TrustedClientsConfig } from '@pcb-cds/cds-hooks-auth';
import { PCB_ORDER_SELECT_SERVICE_ID, PCB_ORDER_SIGN_SERVICE_ID, PCB_SERVICE_ID } from '@pcb-cds/postcoital-bleeding-service';
import type { AppConfig } from './app-config';

/** The services the viewer's page calls, and the only ones its proxy will sign for. */
export const CARD_VIEWER_SERVICE_IDS = [PCB_SERVICE_ID, PCB_ORDER_SELECT_SERVICE_ID, PCB_ORDER_SIGN_SERVICE_ID] as const;

export interface CardViewerSetup {
  /** The module's options; undefined when the viewer is off (nothing under /viewer is served). */
  viewer?: CardViewerOptions;
  /** With authentication on: the viewer's key as a trusted client, pinned in-process (nothing else trusts it). */
  trustedClient?: TrustedClientsConfig['clients'][number];
}

/**
 * The card viewer as configured (CARD_VIEWER, CARD_VIEWER_TOKEN): off → nothing, not even a trusted key. On with
 * authentication on → a key made now, its own access token, the three services, and hook calls for `fhirBaseUrl`
 * only. On with authentication off → unsigned, and behind the token only if one is set.
 */
export async function cardViewerSetup(
  config: Pick<AppConfig, 'cardViewer' | 'auth' | 'publicBaseUrl' | 'port'>,
  where: {
    staticDir: string;
    /** The FHIR server the hooks name (the embedded sandbox or FHIR_BASE_URL). */
    fhirBaseUrl: string;
    browserFhirBaseUrl?: string;
    /** The base URL the service checks a client JWT's aud against, when the viewer must sign for it. */
    audienceBaseUrl?: string;
  },
): Promise<CardViewerSetup> {
  if (config.cardViewer.mode === 'off') {
    return {};
  }
  const common: CardViewerOptions = {
    staticDir: where.staticDir,
    fhirBaseUrl: where.fhirBaseUrl,
    ...(where.browserFhirBaseUrl ? { browserFhirBaseUrl: where.browserFhirBaseUrl } : {}),
    ...(config.cardViewer.accessToken ? { accessToken: config.cardViewer.accessToken } : {}),
    serviceIds: CARD_VIEWER_SERVICE_IDS,
    ...(config.publicBaseUrl ? { publicOrigin: config.publicBaseUrl } : {}),
  };
  if (config.auth.mode === 'off') {
    return { viewer: common };
  }
  const signer = await ViewerSigner.create();
  const issuer = `${config.publicBaseUrl ?? `http://localhost:${config.port}`}/viewer`;
  return {
    viewer: { ...common, signing: { issuer, signer, ...(where.audienceBaseUrl ? { audienceBaseUrl: where.audienceBaseUrl } : {}) } },
    trustedClient: { iss: issuer, jwks: signer.jwks() },
  };
}
