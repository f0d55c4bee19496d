import type { IncomingHttpHeaders } from 'node:http';
import { presentsAccessToken } from './access-token';
import type { ResolvedCardViewerOptions } from './card-viewer.options';
import { isOwnOrigin } from './same-origin';
import type { ViewerAnswer } from './viewer-answer';
import { problem } from './viewer-answer';

/**
 * Who may use the viewer's API and config: its own page only (a request from another origin → 403), and, when
 * the operator set an access token, only a caller presenting it (→ 401 without). Checked before anything else,
 * so nothing is signed, forwarded or disclosed for a refused request.
 */
export function accessRefusal(
  headers: IncomingHttpHeaders,
  options: Pick<ResolvedCardViewerOptions, 'accessTokenDigest' | 'publicOrigin'>,
): ViewerAnswer | undefined {
  if (!isOwnOrigin(headers.origin, headers.host, options.publicOrigin)) {
    return problem(403, 'forbidden', 'The card viewer answers its own page only (this request came from another origin)');
  }
  if (options.accessTokenDigest && !presentsAccessToken(headers.authorization, options.accessTokenDigest)) {
    return problem(401, 'login', 'The card viewer needs its access token (Authorization: Bearer <the viewer access token>)', {
      'WWW-Authenticate': 'Bearer realm="card-viewer"',
    });
  }
  return undefined;
}
