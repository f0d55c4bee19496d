import type { Bundle, ServiceRequest } from 'fhir/r4';
import type { Browser, Page } from 'playwright-core';
import { launchChromium, newPage } from '../../../apps/card-viewer/src/testing/chromium';
import { demoPatientBundle, productServices } from '../../../apps/card-viewer/src/testing/product-services';
import type { ProductStack } from '../../../apps/card-viewer/src/testing/product-stack';
import { startProductStack } from '../../../apps/card-viewer/src/testing/product-stack';
import { buildViewerSite } from '../../../apps/card-viewer/src/testing/viewer-site';
import { gotoViewer, openPatient, waitForChart } from '../../../apps/card-viewer/src/testing/viewer-page';
import { fhirCall, hapiBaseUrl, loadBundle, matches } from './hapi-fhir';

jest.setTimeout(180_000);

/**
 * The card viewer in Debian's chromium with HAPI as its FHIR server (viewer auth off, as `npm start` serves it
 * without CARD_VIEWER_TOKEN): accepting a suggestion writes the draft ServiceRequest to HAPI from the browser
 * (cross-origin: HAPI's CORS answers), and the service, asked again, reads it back from HAPI.
 */
const today = new Date();
const PATIENT = 'pcb-demo-under-21';

const serviceRequestsOnHapi = async (): Promise<ServiceRequest[]> =>
  matches<ServiceRequest>((await fhirCall<Bundle>('GET', `ServiceRequest?patient=${PATIENT}&_count=100`)).body);

/**
 * The patient as its demo bundle has it: HAPI keeps data between runs and between spec files, and an order
 * accepted here would hide the suggestion from the next run and change the patient's cards for other specs.
 */
async function resetPatient(): Promise<void> {
  for (const order of await serviceRequestsOnHapi()) {
    await fhirCall('DELETE', `ServiceRequest/${order.id}`);
  }
  await loadBundle(demoPatientBundle(PATIENT, today));
}

describe('card viewer on HAPI (browser)', () => {
  let stack: ProductStack;
  let browser: Browser;
  let page: Page;
  let pageErrors: string[];

  beforeAll(async () => {
    await resetPatient();
    const siteDir = buildViewerSite();
    [stack, browser] = await Promise.all([
      startProductStack({ siteDir, services: productServices(today).services, bundles: [], viewer: { fhirBaseUrl: hapiBaseUrl() } }),
      launchChromium(),
    ]);
    ({ page, pageErrors } = await newPage(browser));
    await gotoViewer(page, stack.viewerUrl);
  }, 300_000);

  afterAll(async () => {
    await browser?.close();
    await stack?.close();
    await resetPatient();
  });

  it('accepting a suggestion creates the draft ServiceRequest on HAPI and the asked-again cards no longer offer it', async () => {
    await expect(page.locator('#connection').textContent()).resolves.toContain(hapiBaseUrl());
    await openPatient(page, PATIENT);
    const button = page.locator('#cards button[data-suggestion-uuid]').first();
    const label = ((await button.textContent()) ?? '').replace(/^Accept: /, '');
    const cardUuid = await button.locator('xpath=ancestor::article[1]').getAttribute('data-card-uuid');
    await button.click();
    await page
      .locator('#status')
      .filter({ hasText: `Accepted “${label}”` })
      .waitFor();
    await waitForChart(page, PATIENT);

    const created = await serviceRequestsOnHapi();
    expect(created.map((sr) => `Order: ${sr.code?.text}`)).toEqual([label]);
    expect(created[0]).toMatchObject({ status: 'draft', intent: 'proposal', subject: { reference: `Patient/${PATIENT}` } });
    await stack.feedback.waitFor((e) => e.outcome === 'accepted' && e.card === cardUuid);
    await expect(page.locator('#cards button', { hasText: `Accept: ${label}` }).count()).resolves.toBe(0);
    expect(pageErrors).toEqual([]);
  });
});
