import type { CdsResponse, DiscoveryResponse, FeedbackRequest, HookRequest } from '../core/hooks/cds-wire.js';
import { requestJson } from './http.js';

/** The CDS service, always through the viewer's proxy (which signs the calls when signing is on). */
export class CdsApi {
  /**
   * @param servicesUrl the proxy's `…/cds-services`, absolute.
   * @param proxyHeaders read per call: the viewer's access token, when it has one.
   */
  constructor(
    private readonly servicesUrl: string,
    private readonly proxyHeaders: () => Record<string, string> = () => ({}),
  ) {}

  discovery(): Promise<DiscoveryResponse> {
    return requestJson<DiscoveryResponse>({ url: this.servicesUrl, target: 'CDS service', viaProxy: true, headers: this.proxyHeaders() });
  }

  async call(serviceId: string, request: HookRequest): Promise<CdsResponse> {
    const response = await requestJson<CdsResponse>({
      url: `${this.servicesUrl}/${encodeURIComponent(serviceId)}`,
      method: 'POST',
      body: request,
      target: 'CDS service',
      viaProxy: true,
      headers: this.proxyHeaders(),
    });
    return { ...response, cards: Array.isArray(response?.cards) ? response.cards : [] };
  }

  async feedback(serviceId: string, body: FeedbackRequest): Promise<void> {
    await requestJson<unknown>({
      url: `${this.servicesUrl}/${encodeURIComponent(serviceId)}/feedback`,
      method: 'POST',
      body,
      target: 'CDS service',
      viaProxy: true,
      headers: this.proxyHeaders(),
    });
  }
}
