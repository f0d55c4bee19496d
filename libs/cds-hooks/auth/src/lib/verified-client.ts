import type { Request } from 'express';

/** The CDS client a request was authenticated as; attached to the request by the guard. */
export interface VerifiedClient {
  /** The trusted issuer (exactly as configured): the key for rate limits, logs and metrics. */
  iss: string;
  /** The key that signed the token. */
  kid: string;
  /** The token's optional `tenant` claim: the healthcare organisation calling (CDS Hooks 2.0). */
  tenant?: string;
}

/** An Express request after the guard let it through with authentication on. */
export interface CdsClientRequest extends Request {
  cdsClient?: VerifiedClient;
}

/** The authenticated client of a request, or undefined (authentication off, or a path not checked). */
export function cdsClientOf(req: Request): VerifiedClient | undefined {
  return (req as CdsClientRequest).cdsClient;
}
