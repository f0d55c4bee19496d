import type { ViewerConfig } from '../core/viewer-config.js';
import { CdsApi } from './cds-api.js';
import { FhirApi } from './fhir-api.js';
import { h, replaceChildren } from './h.js';
import { failureText, requestJson } from './http.js';
import { ViewerApp } from './viewer-app.js';

function element(id: string): HTMLElement {
  const found = document.getElementById(id);
  if (!found) {
    throw new Error(`index.html has no #${id}`);
  }
  return found;
}

async function main(): Promise<void> {
  const alerts = element('alerts');
  let config: ViewerConfig;
  try {
    config = await requestJson<ViewerConfig>({ url: 'config.json', target: 'CDS service' });
  } catch (error) {
    alerts.hidden = false;
    replaceChildren(alerts, h('p', { class: 'notice notice--error' }, `The viewer's configuration could not be loaded. ${failureText(error)}`));
    return;
  }
  const app = new ViewerApp(
    config,
    new FhirApi(config.fhirBaseUrl),
    new CdsApi(new URL(config.cdsServices, location.href).href),
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
