import type { Browser, Page } from 'playwright-core';
import { launchChromium, newPage } from './testing/chromium';
import type { ProductStack } from './testing/product-stack';
import { startProductStack } from './testing/product-stack';
import { demoPatientBundle, productServices } from './testing/product-services';
import { failingService } from './testing/stub-services';
import { unusedLoopbackUrl } from './testing/unused-loopback-url';
import { buildViewerSite } from './testing/viewer-site';
import { gotoViewer, openPatient } from './testing/viewer-page';

jest.setTimeout(120_000);

/** When a server is down or answers an error, the page says which one, in words. */
const PATIENT = 'pcb-demo-pregnant-30w';

describe('card viewer (browser) when a server is down', () => {
  let siteDir: string;
  let browser: Browser;
  let page: Page;
  let stack: ProductStack | undefined;

  beforeAll(async () => {
    siteDir = buildViewerSite();
    browser = await launchChromium();
  });

  beforeEach(async () => {
    ({ page } = await newPage(browser));
  });

  afterEach(async () => {
    await page.context().close();
    await stack?.close();
    stack = undefined;
  });

  afterAll(async () => {
    await browser?.close();
  });

  const start = async (
    viewer: { cdsBaseUrl?: string; fhirBaseUrl?: string },
    services = productServices(new Date()).services,
  ): Promise<ProductStack> =>
    (stack = await startProductStack({ siteDir, services, bundles: [demoPatientBundle(PATIENT, new Date())], viewer }));

  it('CDS service down: the patient list still loads; the page says the CDS service is not reachable', async () => {
    const dead = await unusedLoopbackUrl();
    const { viewerUrl } = await start({ cdsBaseUrl: dead });
    await gotoViewer(page, viewerUrl);
    const message = `The CDS service at ${dead} is not reachable: ECONNREFUSED`;
    // Discovery and the patient list load side by side: wait for the discovery's outcome.
    await page.getByRole('alert').filter({ hasText: message }).waitFor();
    await expect(page.getByRole('alert').textContent()).resolves.toBe(message);
    await expect(page.getByTestId('order-hooks-status').textContent()).resolves.toMatch(
      /^Order hooks not available: the CDS service could not be reached/,
    );
    await openPatient(page, PATIENT);
    await expect(page.locator('#banner .banner__name').textContent()).resolves.toContain('Grace Demo');
    await expect(page.locator('#cards .cards__error').textContent()).resolves.toBe(`No cards: ${message}`);
  });

  it('FHIR server down: the page says the FHIR server is not reachable, naming it', async () => {
    const dead = await unusedLoopbackUrl('/fhir');
    const { viewerUrl } = await start({ fhirBaseUrl: dead });
    await gotoViewer(page, viewerUrl);
    const message = `The FHIR server is not reachable at ${dead}/Patient?_count=100. Is it running?`;
    await expect(page.locator('.patient-list__message').textContent()).resolves.toBe(message);
    await page.getByRole('alert').filter({ hasText: message }).waitFor();
    await expect(page.getByRole('alert').textContent()).resolves.toBe(message);
  });

  it('CDS service error: the page quotes the OperationOutcome with the status; with no order service the order pad says so', async () => {
    const { viewerUrl } = await start({}, [failingService()]);
    await gotoViewer(page, viewerUrl);
    // Discovery and the patient list load side by side: wait for the discovery's outcome.
    await page
      .getByTestId('order-hooks-status')
      .filter({ hasText: /^Order hooks/ })
      .waitFor();
    await expect(page.getByTestId('order-hooks-status').textContent()).resolves.toMatch(
      /^Order hooks not available: the CDS service offers no order-select or order-sign service/,
    );
    await openPatient(page, PATIENT);
    await expect(page.locator('#cards .cards__error').textContent()).resolves.toMatch(/^The CDS service answered HTTP 500/);
  });
});
