/** A trusted-clients configuration that cannot be used; the message names the offending key path. */
export class TrustedClientsConfigError extends Error {
  override readonly name = 'TrustedClientsConfigError';
}
