import type { Browser, Page, Request } from 'playwright-core';
import { launchChromium, newPage } from './testing/chromium';
import type { ProductStack } from './testing/product-stack';
import { startProductStack } from './testing/product-stack';
import { demoPatientBundle, productServices } from './testing/product-services';
import { buildViewerSite } from './testing/viewer-site';
import { openPatient, patientViewCards } from './testing/viewer-page';

jest.setTimeout(120_000);

/**
 * The viewer as `CARD_VIEWER=on` + `CARD_VIEWER_TOKEN` runs it with client authentication on: the page asks for
 * the access token once per tab, sends it to the viewer's own server only, and the signed calls get cards.
 */
const TOKEN = 'Xq3vN8pL2mR7tY1wZ5aB9cD4eF6gH0jK';
const PATIENT = 'pcb-demo-pregnant-30w';

describe('card viewer (browser) behind its access token, client authentication on', () => {
  let stack: ProductStack;
  let browser: Browser;
  let page: Page;
  let pageErrors: string[];
  const requests: Request[] = [];

  beforeAll(async () => {
    const siteDir = buildViewerSite();
    [stack, browser] = await Promise.all([
      startProductStack({
        siteDir,
        services: productServices(new Date()).services,
        bundles: [demoPatientBundle(PATIENT, new Date())],
        clientAuth: { accessToken: TOKEN },
      }),
      launchChromium(),
    ]);
    ({ page, pageErrors } = await newPage(browser));
    page.on('request', (request) => requests.push(request));
  });

  afterAll(async () => {
    await browser?.close();
    await stack?.close();
  });

  afterEach(() => {
    expect(pageErrors).toEqual([]);
  });

  const tokenDialog = (p: Page = page) => p.getByRole('dialog', { name: 'Access token needed' });
  const patientCount = (p: Page = page) => p.locator('.patient-list__message').filter({ hasText: /^\d+ patients?$/ });

  it('asks for the access token before anything loads, and says when a token is refused', async () => {
    await page.goto(stack.viewerUrl);
    await tokenDialog().waitFor();
    await expect(page.locator('button[data-patient-id]').count()).resolves.toBe(0);
    await tokenDialog()
      .getByLabel('Access token')
      .fill(`${TOKEN.slice(0, -1)}X`);
    await tokenDialog().getByRole('button', { name: 'Open the viewer' }).click();
    await tokenDialog().getByText('That access token was not accepted.').waitFor();
    await tokenDialog().getByLabel('Access token').fill(TOKEN);
    await tokenDialog().getByRole('button', { name: 'Open the viewer' }).click();
    await patientCount().waitFor();
    await expect(tokenDialog().count()).resolves.toBe(0);
    await expect(page.locator('#connection').textContent()).resolves.toContain('hook calls signed (JWT)');
  });

  it('gets the cards through the signing proxy: the critical card of the pregnant patient', async () => {
    await openPatient(page, PATIENT);
    await expect(patientViewCards(page).first().getAttribute('data-indicator')).resolves.toBe('critical');
  });

  it('sends the token to the viewer’s own server only, never to the FHIR server', async () => {
    const sent = await Promise.all(requests.map(async (r) => ({ url: r.url(), authorization: (await r.allHeaders())['authorization'] })));
    const toViewer = sent.filter(
      (r) => r.url.startsWith(`${stack.serverUrl}/viewer/api/`) || r.url === `${stack.serverUrl}/viewer/config.json`,
    );
    const toFhir = sent.filter((r) => r.url.startsWith(stack.fhirBaseUrl));
    expect(toViewer.length).toBeGreaterThan(0);
    expect(toFhir.length).toBeGreaterThan(0);
    expect(toViewer.filter((r) => r.authorization === `Bearer ${TOKEN}`).length).toBeGreaterThan(0);
    expect(toFhir.map((r) => r.authorization)).toEqual(toFhir.map(() => undefined));
  });

  it('keeps the token for the tab: a reload does not ask again; a new tab (browser context) does', async () => {
    await page.reload();
    await patientCount().waitFor();
    await expect(tokenDialog().count()).resolves.toBe(0);
    const other = await newPage(browser);
    try {
      await other.page.goto(stack.viewerUrl);
      await tokenDialog(other.page).waitFor();
    } finally {
      await other.page.context().close();
    }
  });
});
