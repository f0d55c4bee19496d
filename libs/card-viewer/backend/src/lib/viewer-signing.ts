import type { ResolvedSigningOptions } from './card-viewer.options';
import type { ViewerSigner } from './viewer-signer';

/** Signing on (a signer and its settings) or off: a value either way, so "off" is not a missing provider. */
export class ViewerSigning {
  constructor(
    readonly signer: ViewerSigner | undefined,
    private readonly options: ResolvedSigningOptions | undefined,
  ) {}

  /**
   * The Authorization header for a call to `{baseUrl}{path}`, or undefined with signing off. The `aud` is that
   * URL, or `{audienceBaseUrl}{path}` when the service checks the audience against its public base URL.
   */
  async authorization(baseUrl: string, path: string, now?: Date): Promise<string | undefined> {
    if (!this.signer || !this.options) {
      return undefined;
    }
    const { issuer, tokenLifetimeSeconds, audienceBaseUrl } = this.options;
    const token = await this.signer.sign(
      { issuer, audience: `${audienceBaseUrl ?? baseUrl}${path}`, lifetimeSeconds: tokenLifetimeSeconds },
      now,
    );
    return `Bearer ${token}`;
  }
}
