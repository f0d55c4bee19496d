/**
 * What `GET /viewer/config.json` tells the page: a copy of libs/card-viewer/backend's ViewerConfig (the browser
 * bundle cannot import it); viewer-config.spec.ts checks the two stay the same at type level.
 */
export interface ViewerConfig {
  fhirBaseUrl: string;
  fhirServer: string;
  cdsServices: string;
  cdsBaseUrl: string;
  signedCalls: boolean;
  userId: string;
}
