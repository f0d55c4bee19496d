import type { ResolvedCardViewerOptions } from './card-viewer.options';
import type { ViewerAnswer } from './viewer-answer';
import { problem } from './viewer-answer';

/**
 * What the proxy calls (and, with signing on, signs): the configured CDS services only, and hook calls only
 * for the viewer's own FHIR server — a signed call naming another server would have the CDS service fetch
 * patient data from wherever the caller chose. Feedback names no FHIR server.
 */
export function scopeRefusal(
  call: { serviceId: string; feedback: boolean; body: object },
  options: Pick<ResolvedCardViewerOptions, 'serviceIds' | 'fhirBaseUrl'>,
): ViewerAnswer | undefined {
  if (options.serviceIds && !options.serviceIds.has(call.serviceId)) {
    return problem(404, 'not-found', `The card viewer calls only these CDS services: ${[...options.serviceIds].join(', ')}`);
  }
  if (call.feedback) {
    return undefined;
  }
  const fhirServer = (call.body as { fhirServer?: unknown }).fhirServer;
  if (typeof fhirServer !== 'string') {
    return problem(400, 'required', `The hook call must name the viewer's FHIR server as fhirServer (${options.fhirBaseUrl})`);
  }
  if (fhirServer.replace(/\/+$/, '') !== options.fhirBaseUrl) {
    return problem(403, 'forbidden', `The card viewer calls the CDS service for its own FHIR server only (${options.fhirBaseUrl})`);
  }
  return undefined;
}
