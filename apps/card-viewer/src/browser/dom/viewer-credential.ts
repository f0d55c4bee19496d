/**
 * The viewer's access token (the operator's CARD_VIEWER_TOKEN), when the server asks for one: typed once, kept in
 * this tab's sessionStorage (gone when the tab closes, never sent to another origin), and sent as a bearer
 * token to the viewer's own config and proxy only — never to the FHIR server.
 */
const STORAGE_KEY = 'pcb-cds.card-viewer.access-token';

export class ViewerCredential {
  get token(): string | undefined {
    return sessionStorage.getItem(STORAGE_KEY) ?? undefined;
  }

  remember(token: string): void {
    sessionStorage.setItem(STORAGE_KEY, token);
  }

  forget(): void {
    sessionStorage.removeItem(STORAGE_KEY);
  }

  /** The headers for a call to the viewer's own server. */
  headers(): Record<string, string> {
    const token = this.token;
    return token ? { authorization: `Bearer ${token}` } : {};
  }
}
