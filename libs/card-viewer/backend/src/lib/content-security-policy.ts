/**
 * The page's CSP: its own scripts and styles only, no inline code, no plugins, no framing; it may talk to
 * itself (config, proxy) and to the FHIR server. A second line of defence behind the text-only card renderer:
 * even a rendering bug could not load a script or send data elsewhere.
 */
export function contentSecurityPolicy(fhirBaseUrl: string): string {
  return [
    "default-src 'none'",
    "script-src 'self'",
    "style-src 'self'",
    "img-src 'self' data:",
    `connect-src 'self' ${new URL(fhirBaseUrl).origin}`,
    "base-uri 'none'",
    "form-action 'self'",
    "frame-ancestors 'none'",
  ].join('; ');
}
