/**
 * Why a CDS client was not authenticated. For logs, metrics and tests only: the HTTP answer is the same
 * generic 401 whatever the reason, so a caller cannot probe which check failed.
 */
export type ClientAuthenticationReason =
  | 'missing-token'
  | 'malformed-token'
  | 'algorithm-not-allowed'
  | 'invalid-header'
  | 'untrusted-issuer'
  | 'jku-not-allowed'
  | 'no-key-source'
  | 'unknown-key'
  | 'key-set-unavailable'
  | 'invalid-signature'
  | 'wrong-audience'
  | 'expired'
  | 'not-yet-valid'
  | 'issued-in-future'
  | 'lifetime-too-long'
  | 'invalid-claims'
  | 'replayed';

/**
 * The one error every failed client authentication ends in. Its message is written for the service's logs
 * and never contains the token or any value taken from it (only configured values such as a trusted iss).
 */
export class ClientAuthenticationError extends Error {
  override readonly name = 'ClientAuthenticationError';

  constructor(
    readonly reason: ClientAuthenticationReason,
    message: string,
  ) {
    super(message);
  }
}
