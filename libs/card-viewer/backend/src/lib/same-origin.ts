/**
 * Whether a request may have come from the viewer's own page. Browsers name the page's origin in `Origin` on
 * cross-origin requests and on same-origin POSTs, and a web page cannot forge it (nor the `Host` it connects
 * to): a request naming another origin — another site open in the clinician's browser — is refused. No
 * `Origin` at all is a same-origin GET or a client that is not a browser (which the access token stops).
 */
export function isOwnOrigin(origin: string | undefined, host: string | undefined, publicOrigin?: string): boolean {
  if (origin === undefined) {
    return true;
  }
  if (publicOrigin !== undefined && origin === publicOrigin) {
    return true;
  }
  let url: URL;
  try {
    url = new URL(origin);
  } catch {
    return false;
  }
  return (
    (url.protocol === 'http:' || url.protocol === 'https:') &&
    url.origin === origin &&
    host !== undefined &&
    url.host === host.toLowerCase()
  );
}
