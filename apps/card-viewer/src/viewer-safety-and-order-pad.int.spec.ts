import type { Bundle, ServiceRequest } from 'fhir/r4';
import type { Browser, Page } from 'playwright-core';
import { launchChromium, newPage } from './testing/chromium';
import type { ProductStack } from './testing/product-stack';
import { startProductStack } from './testing/product-stack';
import { demoPatientBundle } from './testing/product-services';
import type { ReceivedHooks } from './testing/stub-services';
import { hostileCardService, stubOrderServices } from './testing/stub-services';
import { buildViewerSite } from './testing/viewer-site';
import { gotoViewer, openPatient, waitForOrderSelect } from './testing/viewer-page';

jest.setTimeout(120_000);

/**
 * The page against stand-in CDS services: a card full of hostile text (it must stay text), and order hooks that
 * answer in a fixed way, to drive the order pad end to end (pick, replace, sign).
 */
const PATIENT = 'pcb-demo-pregnant-8w';

describe('card viewer (browser, stand-in services)', () => {
  const received: { select: ReceivedHooks; sign: ReceivedHooks } = { select: [], sign: [] };
  let stack: ProductStack;
  let browser: Browser;
  let page: Page;
  let pageErrors: string[];

  beforeAll(async () => {
    const siteDir = buildViewerSite();
    [stack, browser] = await Promise.all([
      startProductStack({
        siteDir,
        services: [hostileCardService(), ...stubOrderServices(received)],
        bundles: [demoPatientBundle(PATIENT, new Date())],
      }),
      launchChromium(),
    ]);
    ({ page, pageErrors } = await newPage(browser));
    await gotoViewer(page, stack.viewerUrl);
    await openPatient(page, PATIENT);
  });

  afterAll(async () => {
    await browser?.close();
    await stack?.close();
  });

  afterEach(() => {
    expect(pageErrors).toEqual([]);
  });

  it('renders raw HTML in card text as text: no element, no script, no javascript: link', async () => {
    const card = page.locator('#cards .card').first();
    await expect(card.locator('.card__summary').textContent()).resolves.toBe(
      '<img src=x onerror="window.__pwned = true">Summary with HTML',
    );
    const detail = card.locator('.card__detail');
    await expect(detail.textContent()).resolves.toContain(
      '<img src=x onerror="window.__pwned = true"> and <script>window.__pwned = true</script>',
    );
    await expect(detail.textContent()).resolves.toContain('item with <b>tags</b> <escaped>data link');
    await expect(detail.locator('strong').textContent()).resolves.toBe('Bold');
    // Only the http(s) link became a link; the others kept their labels as text.
    await expect(page.locator('#cards a').evaluateAll((as) => as.map((a) => a.getAttribute('href')))).resolves.toEqual([
      'https://example.org/safe',
    ]);
    await expect(detail.textContent()).resolves.toContain(
      'click me and safe link and <a href="javascript:window.__pwned = true">raw anchor</a>',
    );
    await expect(card.locator('.card__source').textContent()).resolves.toBe(
      'Source: <i onmouseover="window.__pwned = true">source label</i>',
    );
    await expect(card.locator('button[data-suggestion-uuid]').textContent()).resolves.toBe('Accept: <b>Order</b> stub test');
    // Nothing but the fixed vocabulary of elements, and nothing ran.
    await expect(
      page.locator('#cards img, #cards script, #cards b, #cards i, #cards u, #cards [onerror], #cards [onmouseover]').count(),
    ).resolves.toBe(0);
    await expect(page.evaluate(() => (globalThis as unknown as { __pwned?: boolean }).__pwned)).resolves.toBeUndefined();
  });

  it('shows an override reason with HTML as text in the dismiss dialog', async () => {
    await page.locator('#cards .card').first().getByRole('button', { name: 'Dismiss…' }).click();
    const dialog = page.getByRole('dialog');
    await expect(dialog.locator('.override__reason').textContent()).resolves.toBe(' <img src=x onerror="window.__pwned = true">reason');
    await expect(dialog.locator('img').count()).resolves.toBe(0);
    await dialog.getByRole('button', { name: 'Cancel' }).click();
    await expect(page.evaluate(() => (globalThis as unknown as { __pwned?: boolean }).__pwned)).resolves.toBeUndefined();
  });

  it('fires order-select with the picked order in selections and the drafts as a Bundle, and shows its warning', async () => {
    await page.getByRole('checkbox', { name: 'Endocervical curettage (ECC)' }).check();
    const area = await waitForOrderSelect(page);
    await expect(area.locator('.card[data-indicator="warning"] .card__summary').textContent()).resolves.toBe(
      'Stub: endocervical curettage is not advised in pregnancy',
    );
    const request = received.select.at(-1);
    const draftId = /^ServiceRequest\/(draft-[0-9a-f-]{36})$/.exec(request?.context.selections?.[0] ?? '')?.[1];
    expect(draftId).toBeDefined();
    expect(request).toMatchObject({
      hook: 'order-select',
      fhirServer: stack.fhirBaseUrl,
      context: {
        userId: 'Practitioner/viewer',
        patientId: PATIENT,
        selections: [`ServiceRequest/${draftId}`],
        draftOrders: {
          resourceType: 'Bundle',
          type: 'collection',
          entry: [
            {
              resource: {
                resourceType: 'ServiceRequest',
                id: draftId,
                status: 'draft',
                intent: 'order',
                subject: { reference: `Patient/${PATIENT}` },
              },
            },
          ],
        },
      },
    });
    expect(request?.hookInstance).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
  });

  it('accepting the replacement changes the pad (not the FHIR server), sends feedback and asks order-select again', async () => {
    const calls = received.select.length;
    await page.getByRole('button', { name: 'Accept: Replace with colposcopy' }).click();
    await page.locator('#status').filter({ hasText: 'Accepted “Replace with colposcopy”' }).waitFor();
    await expect(page.getByRole('checkbox', { name: 'Endocervical curettage (ECC)' }).isChecked()).resolves.toBe(false);
    await expect(page.getByRole('checkbox', { name: 'Colposcopy with directed biopsy as indicated' }).isChecked()).resolves.toBe(true);
    await expect(page.locator('.order-pad__draft-list li').allTextContents()).resolves.toEqual([
      'Colposcopy with directed biopsy as indicated Remove',
    ]);
    const { entry, serviceId } = await stack.feedback.waitFor((e) => e.outcome === 'accepted');
    expect(serviceId).toBe('stub-order-select');
    expect(entry.acceptedSuggestions).toEqual([{ id: 'replace-ecc' }]);
    await waitForOrderSelect(page);
    expect(received.select.length).toBe(calls + 1);
    expect(received.select.at(-1)?.context.selections).toEqual([expect.stringMatching(/^ServiceRequest\/draft-/)]);
    const onServer = await stack.fhirGet<Bundle<ServiceRequest>>(`ServiceRequest?patient=${PATIENT}`);
    expect(onServer.entry ?? []).toEqual([]);
  });

  it('Sign fires order-sign with the drafts; after its cards, Sign anyway writes the orders as active', async () => {
    await page.getByRole('button', { name: 'Sign orders' }).click();
    const signCards = page.getByTestId('order-sign-cards');
    await expect(signCards.locator('.card__summary').textContent()).resolves.toBe('Stub: 1 order(s) about to be signed');
    const request = received.sign.at(-1);
    expect(request?.hook).toBe('order-sign');
    expect(request?.context.selections).toBeUndefined();
    expect((request?.context.draftOrders as unknown as { entry: unknown[] }).entry).toHaveLength(1);

    await page.getByRole('button', { name: 'Sign anyway' }).click();
    await page.locator('#status').filter({ hasText: 'Signed 1 order' }).waitFor();
    const onServer = await stack.fhirGet<Bundle<ServiceRequest>>(`ServiceRequest?patient=${PATIENT}`);
    const orders = (onServer.entry ?? []).map((e) => e.resource as ServiceRequest);
    expect(orders).toHaveLength(1);
    expect(orders[0]).toMatchObject({
      status: 'active',
      intent: 'order',
      code: { coding: [{ code: '392003006' }] },
      subject: { reference: `Patient/${PATIENT}` },
    });
    expect(orders[0].id).not.toMatch(/^draft-/);
    await expect(page.locator('.order-pad__drafts').textContent()).resolves.toBe('No draft orders.');
  });
});
