import type { ResolvedCardViewerOptions } from './card-viewer.options';

/** What the page reads first (`GET /viewer/config.json`). */
export interface ViewerConfig {
  /** Where the page reads patients and applies accepted actions. */
  fhirBaseUrl: string;
  /** What the page sends as the hooks' `fhirServer` (the address the CDS service uses). */
  fhirServer: string;
  /** The proxy, relative to the page: discovery at `{cdsServices}`, a service at `{cdsServices}/{id}`. */
  cdsServices: string;
  /** The CDS service the proxy calls, for display ("this server" when it is the viewer's own server). */
  cdsBaseUrl: string;
  /** Whether the proxy signs the calls (shown to integrators). */
  signedCalls: boolean;
  /** The hooks' `context.userId`. */
  userId: string;
}

export const VIEWER_USER_ID = 'Practitioner/viewer';

export function viewerConfig(options: ResolvedCardViewerOptions): ViewerConfig {
  return {
    fhirBaseUrl: options.browserFhirBaseUrl,
    fhirServer: options.fhirBaseUrl,
    cdsServices: 'api/cds-services',
    cdsBaseUrl: options.cdsBaseUrl ? options.cdsBaseUrl() : 'this server',
    signedCalls: options.signing !== undefined,
    userId: VIEWER_USER_ID,
  };
}
