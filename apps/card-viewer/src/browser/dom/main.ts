import type { ViewerConfig } from '../core/viewer-config.js';
import { CdsApi } from './cds-api.js';
import { FhirApi } from './fhir-api.js';
import { h, replaceChildren } from './h.js';
import { failureText, RequestFailure, requestJson } from './http.js';
import { ViewerCredential } from './viewer-credential.js';
import { ViewerApp } from './viewer-app.js';
import { askAccessToken } from './views/access-token-dialog.js';

function element(id: string): HTMLElement {
  const found = document.getElementById(id);
  if (!found) {
    throw new Error(`index.html has no #${id}`);
  }
  return found;
}

/**
 * The page's configuration. A 401 means the server wants the viewer's access token: ask for it (again, if the
 * one kept was refused) until the server accepts one.
 */
async function loadConfig(credential: ViewerCredential): Promise<ViewerConfig> {
  for (;;) {
    const tried = credential.token;
    try {
      return await requestJson<ViewerConfig>({ url: 'config.json', target: 'CDS service', headers: credential.headers() });
    } catch (error) {
      if (!(error instanceof RequestFailure && error.status === 401)) {
        throw error;
      }
      credential.forget();
      credential.remember(await askAccessToken(tried !== undefined));
    }
  }
}

async function main(): Promise<void> {
  const alerts = element('alerts');
  const credential = new ViewerCredential();
  let config: ViewerConfig;
  try {
    config = await loadConfig(credential);
  } catch (error) {
    alerts.hidden = false;
    replaceChildren(
      alerts,
      h('p', { class: 'notice notice--error' }, `The viewer's configuration could not be loaded. ${failureText(error)}`),
    );
    return;
  }
  const app = new ViewerApp(
    config,
    new FhirApi(config.fhirBaseUrl),
    new CdsApi(new URL(config.cdsServices, location.href).href, () => credential.headers()),
    {
      connection: element('connection'),
      alerts,
      status: element('status'),
      patients: element('patients'),
      banner: element('banner'),
      cards: element('cards'),
      orderPad: element('order-pad'),
    },
    () => crypto.getRandomValues(new Uint8Array(16)),
  );
  await app.start();
}

void main();
