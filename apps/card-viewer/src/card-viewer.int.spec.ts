import type { CdsResponse, FeedbackEntry } from '@pcb-cds/cds-hooks-model';
import type { Bundle, ServiceRequest } from 'fhir/r4';
import type { Browser, Page } from 'playwright-core';
import { launchChromium, newPage } from './testing/chromium';
import type { ProductStack } from './testing/product-stack';
import { startProductStack } from './testing/product-stack';
import { DEMO_PATIENT_IDS, productBundles, productServices } from './testing/product-services';
import { screenshot } from './testing/screenshots';
import { buildViewerSite } from './testing/viewer-site';
import { cardSummaries, gotoViewer, openPatient, patientViewCards, waitForChart, waitForOrderSelect } from './testing/viewer-page';

jest.setTimeout(180_000);

/**
 * The card viewer in a real browser (Debian's chromium) against the product's services on loopback: the FHIR
 * sandbox with every demo patient and vignette, the CDS services (patient-view and both order hooks), and the viewer.
 */
const today = new Date();
const product = productServices(today);

describe('card viewer (browser, whole product)', () => {
  let stack: ProductStack;
  let browser: Browser;
  let page: Page;
  let pageErrors: string[];

  beforeAll(async () => {
    const siteDir = buildViewerSite();
    [stack, browser] = await Promise.all([
      startProductStack({ siteDir, services: product.services, bundles: productBundles(today) }),
      launchChromium(),
    ]);
    ({ page, pageErrors } = await newPage(browser));
    await gotoViewer(page, stack.viewerUrl);
  });

  afterAll(async () => {
    await browser?.close();
    await stack?.close();
  });

  afterEach(() => {
    expect(pageErrors).toEqual([]);
  });

  /** What the service itself answers for a patient (the page must show the same). */
  const serviceCards = async (patientId: string): Promise<{ indicator: string; summary: string }[]> => {
    const response = await stack.callService<CdsResponse>('pcb-evaluation', {
      hook: 'patient-view',
      hookInstance: `check-${patientId}-${Date.now()}`,
      fhirServer: stack.fhirBaseUrl,
      context: { userId: 'Practitioner/viewer', patientId },
    });
    return response.cards.map((c) => ({ indicator: c.indicator, summary: c.summary }));
  };

  const shownCards = async (): Promise<{ indicator: string; summary: string }[]> =>
    patientViewCards(page).evaluateAll((cards) =>
      cards.map((c) => ({
        indicator: c.getAttribute('data-indicator') ?? '',
        summary: c.querySelector('.card__summary')?.textContent ?? '',
      })),
    );

  it('lists the patients of the FHIR server in use', async () => {
    const bundle = await stack.fhirGet<Bundle>('Patient?_count=100');
    await expect(page.locator('button[data-patient-id]').count()).resolves.toBe(bundle.entry?.length);
    await expect(page.locator('.patient-list__message').textContent()).resolves.toBe(`${bundle.entry?.length} patients`);
    await expect(page.locator('#connection').textContent()).resolves.toContain(stack.fhirBaseUrl);
    await screenshot(page, 'patient-list');
  });

  it('opens a patient: the banner, then the patient-view cards as the service returns them, critical first', async () => {
    await openPatient(page, 'pcb-demo-pregnant-30w');
    const banner = page.locator('#banner');
    await expect(banner.locator('.banner__name').textContent()).resolves.toContain('Grace Demo');
    await expect(banner.locator('[data-banner="age"] dd').textContent()).resolves.toMatch(/^Female, 31 years/);
    await expect(banner.locator('[data-banner="pregnancy"] dd').textContent()).resolves.toMatch(/^Pregnant, 30\+0 weeks today/);
    await expect(banner.locator('[data-banner="screening"] dd').textContent()).resolves.toMatch(
      /^Cytology NILM on \d{4}-\d{2}-\d{2} \(12 months ago\)$/,
    );

    const shown = await shownCards();
    expect(shown).toEqual(await serviceCards('pcb-demo-pregnant-30w'));
    expect(shown[0].indicator).toBe('critical');
    const first = patientViewCards(page).first();
    await expect(first.locator('.card__indicator').textContent()).resolves.toBe('Critical');
    // The detail's markdown: bold rule title (rule ids only in the extension, R2-15), a list, sources as safe external links.
    await expect(first.locator('.card__detail strong').first().textContent()).resolves.toMatch(/^(?![\s\S]*PCB-\d)\S/);
    await expect(first.locator('.card__detail li').count()).resolves.toBeGreaterThan(1);
    const source = first.locator('.card__source a');
    await expect(source.getAttribute('href')).resolves.toMatch(/^https:\/\//);
    await expect(source.getAttribute('rel')).resolves.toBe('noopener noreferrer');
    await expect(first.locator('.card__rules').textContent()).resolves.toBe('Rules: PCB-32');
    await expect(first.locator('button[data-suggestion-uuid]').count()).resolves.toBeGreaterThan(0);
    await screenshot(page, 'patient-cards');
  });

  it('shows "no cards" for a patient the guideline does not apply to', async () => {
    await openPatient(page, 'pcb-demo-control-no-pcb');
    await expect(page.locator('#cards .cards__empty').textContent()).resolves.toBe(
      'No cards: the CDS service has no advice for this patient.',
    );
    expect(await serviceCards('pcb-demo-control-no-pcb')).toEqual([]);
  });

  it('accepting a suggestion puts the ServiceRequest on the patient, sends accepted feedback and asks again', async () => {
    const patientId = 'pcb-demo-under-21';
    await openPatient(page, patientId);
    const button = page.locator('#cards button[data-suggestion-uuid]').first();
    const label = ((await button.textContent()) ?? '').replace(/^Accept: /, '');
    const suggestionUuid = await button.getAttribute('data-suggestion-uuid');
    const cardUuid = await button.locator('xpath=ancestor::article[1]').getAttribute('data-card-uuid');
    await button.click();
    await page
      .locator('#status')
      .filter({ hasText: `Accepted “${label}”` })
      .waitFor();
    await waitForChart(page, patientId);

    const orders = await stack.fhirGet<Bundle<ServiceRequest>>(`ServiceRequest?patient=${patientId}`);
    const created = (orders.entry ?? []).map((e) => e.resource as ServiceRequest);
    expect(created.map((sr) => `Order: ${sr.code?.text}`)).toEqual([label]);
    expect(created[0]).toMatchObject({ status: 'draft', intent: 'proposal', subject: { reference: `Patient/${patientId}` } });

    const { entry, serviceId } = await stack.feedback.waitFor((e) => e.outcome === 'accepted' && e.card === cardUuid);
    expect(serviceId).toBe('pcb-evaluation');
    expect(entry.acceptedSuggestions).toEqual([{ id: suggestionUuid }]);
    expect(entry.outcomeTimestamp).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}Z$/);
    // Asked again: the order is on the chart now, so it is no longer suggested.
    await page.locator('#cards button', { hasText: `Accept: ${label}` }).waitFor({ state: 'detached' });
    expect(await shownCards()).toEqual(await serviceCards(patientId));
  });

  it('dismissing a card asks for one of its override reasons and a comment, then sends overridden feedback', async () => {
    await openPatient(page, 'pcb-demo-pregnant-8w');
    const card = page.locator('#cards .card[data-indicator="warning"]').first();
    const cardUuid = await card.getAttribute('data-card-uuid');
    const summary = await card.locator('.card__summary').textContent();
    await card.getByRole('button', { name: 'Dismiss…' }).click();
    const dialog = page.getByRole('dialog', { name: 'Dismiss this card?' });
    await dialog.waitFor();
    // A reason is required when the card offers some.
    await dialog.getByRole('button', { name: 'Dismiss card' }).click();
    await expect(dialog.isVisible()).resolves.toBe(true);
    await dialog.getByLabel('Done elsewhere (outside records)').check();
    await dialog.getByLabel('Comment (optional)').fill('Seen at the early pregnancy unit yesterday');
    await screenshot(page, 'override-dialog');
    await dialog.getByRole('button', { name: 'Dismiss card' }).click();

    const { entry, serviceId } = await stack.feedback.waitFor((e) => e.outcome === 'overridden' && e.card === cardUuid);
    expect(serviceId).toBe('pcb-evaluation');
    expect(entry).toEqual<FeedbackEntry>({
      card: cardUuid as string,
      outcome: 'overridden',
      overrideReason: {
        reason: {
          system: 'http://pcb-cds.org/fhir/CodeSystem/override-reasons',
          code: 'done-elsewhere',
          display: 'Done elsewhere (outside records)',
        },
        userComment: 'Seen at the early pregnancy unit yesterday',
      },
      outcomeTimestamp: expect.stringMatching(/Z$/),
    });
    // The server has the feedback before the page has its answer: wait for the page to take the card away.
    await page.locator(`#cards [data-card-uuid="${cardUuid}"]`).waitFor({ state: 'detached' });
    await expect(page.locator('#status').textContent()).resolves.toContain(`Dismissed “${summary}”`);
  });

  it('dismissing a critical card requires a comment, sent as userComment beside the override reason', async () => {
    await openPatient(page, 'pcb-demo-pregnant-30w');
    const card = page.locator('#cards .card[data-indicator="critical"]').first();
    const cardUuid = await card.getAttribute('data-card-uuid');
    await card.getByRole('button', { name: 'Dismiss…' }).click();
    const dialog = page.getByRole('dialog', { name: 'Dismiss this card?' });
    await dialog.getByText('This is a critical card: say why you are overriding it.').waitFor();
    const reasons = dialog.locator('input[name="reason"]');
    const hasReasons = (await reasons.count()) > 0;
    if (hasReasons) {
      await reasons.first().check();
    }
    const comment = dialog.getByLabel('Comment (required)');
    // Neither no comment nor one of spaces lets the dialog close or any feedback go.
    for (const attempt of ['', '   ']) {
      await comment.fill(attempt);
      await dialog.getByRole('button', { name: 'Dismiss card' }).click();
      await expect(dialog.isVisible()).resolves.toBe(true);
      await expect(comment.evaluate((el) => (el as unknown as { validity: { valid: boolean } }).validity.valid)).resolves.toBe(false);
    }
    expect(stack.feedback.recorded.filter((r) => r.entry.card === cardUuid)).toEqual([]);
    await comment.fill('Transferred to labour ward by ambulance already; obstetric registrar at bedside');
    await dialog.getByRole('button', { name: 'Dismiss card' }).click();

    const { entry } = await stack.feedback.waitFor((e) => e.outcome === 'overridden' && e.card === cardUuid);
    expect(entry.overrideReason?.userComment).toBe('Transferred to labour ward by ambulance already; obstetric registrar at bedside');
    if (hasReasons) {
      expect(entry.overrideReason?.reason?.code).toEqual(expect.any(String));
    }
    // The server has the feedback before the page has its answer: wait for the page to take the card away.
    await page.locator(`#cards [data-card-uuid="${cardUuid}"]`).waitFor({ state: 'detached' });
  });

  it('Cancel in the dismiss dialog keeps the card and sends nothing', async () => {
    await openPatient(page, 'pcb-demo-persistent-pcb');
    const card = patientViewCards(page).first();
    const cardUuid = await card.getAttribute('data-card-uuid');
    await card.getByRole('button', { name: 'Dismiss…' }).click();
    await page.getByRole('dialog').getByRole('button', { name: 'Cancel' }).click();
    await expect(page.getByRole('dialog').count()).resolves.toBe(0);
    await expect(page.locator(`#cards [data-card-uuid="${cardUuid}"]`).count()).resolves.toBe(1);
    expect(stack.feedback.recorded.filter((r) => r.entry.card === cardUuid)).toEqual([]);
  });

  it('shows every demo patient with the cards the service returns for it', async () => {
    for (const patientId of DEMO_PATIENT_IDS) {
      await openPatient(page, patientId);
      const expected = await serviceCards(patientId);
      const shown = await shownCards();
      expect({ patientId, shown }).toEqual({ patientId, shown: expected });
      if (expected.length === 0) {
        await expect(page.locator('#cards .cards__empty').count()).resolves.toBe(1);
      }
    }
  });

  it('opens a patient from the URL (#patient=…), and says so when the FHIR server does not have it', async () => {
    await page.goto(`${stack.viewerUrl}#patient=pcb-demo-postmenopausal`);
    await waitForChart(page, 'pcb-demo-postmenopausal');
    await expect(page.locator('[data-banner="menopause"] dd').textContent()).resolves.toMatch(/^Postmenopausal \(recorded /);
    await page.goto(`${stack.viewerUrl}#patient=no-such-patient`);
    await waitForChart(page, 'no-such-patient');
    await expect(page.locator('#banner .banner__error').textContent()).resolves.toContain('The FHIR server answered HTTP 404');
    // The service reads no data for an unknown patient, so its gate stays closed: no cards.
    await expect(page.locator('#cards .cards__empty').textContent()).resolves.toBe(
      'No cards: the CDS service has no advice for this patient.',
    );
  });

  describe('order pad', () => {
    it('picking endocervical curettage in pregnancy fires order-select and shows the warning', async () => {
      await openPatient(page, 'pcb-demo-pregnant-8w');
      await expect(page.getByTestId('order-hooks-status').textContent()).resolves.toContain('order-select pcb-order-select');
      await page.getByRole('checkbox', { name: 'Endocervical curettage (ECC)' }).check();
      const area = await waitForOrderSelect(page);
      await expect(area.locator('.card[data-indicator="warning"], .card[data-indicator="critical"]').count()).resolves.toBeGreaterThan(0);
      await page.locator('#order-pad').evaluate((pad) => pad.scrollIntoView({ block: 'start' }));
      await screenshot(page, 'order-pad');
    });

    it('accepting the ECC card’s suggestion takes ECC off the pad; Sign writes the order to the FHIR server', async () => {
      const patientId = 'pcb-demo-pregnant-8w';
      // Whatever the service offers instead of ECC in pregnancy (a replacement, or removing the draft), the pad follows it.
      const suggestion = page
        .getByTestId('order-select-cards')
        .locator('button[data-suggestion-uuid]', { hasText: /^Accept: (Replace with|Remove the draft)/ })
        .first();
      await suggestion.click();
      await page
        .locator('#status')
        .filter({ hasText: /^Accepted “(Replace with|Remove the draft)/ })
        .waitFor();
      await expect(page.getByRole('checkbox', { name: 'Endocervical curettage (ECC)' }).isChecked()).resolves.toBe(false);
      await stack.feedback.waitFor((e, serviceId) => e.outcome === 'accepted' && serviceId === 'pcb-order-select');
      const colposcopy = page.getByRole('checkbox', { name: 'Colposcopy with directed biopsy as indicated' });
      if (!(await colposcopy.isChecked())) {
        await colposcopy.check();
        await page
          .locator('#status')
          .filter({ hasText: /^Picked Colposcopy/ })
          .waitFor();
      }

      await page.getByRole('button', { name: 'Sign orders' }).click();
      const signed = page.locator('#status').filter({ hasText: /^Signed 1 order/ });
      const signAnyway = page.getByRole('button', { name: 'Sign anyway' });
      await signed.or(signAnyway).waitFor();
      if (await signAnyway.isVisible()) {
        // order-sign had something to say: the cards are shown before anything is written.
        await expect(page.getByTestId('order-sign-cards').locator('.card').count()).resolves.toBeGreaterThan(0);
        await expect(stack.fhirGet<Bundle>(`ServiceRequest?patient=${patientId}`).then((b) => b.entry ?? [])).resolves.toEqual([]);
        await signAnyway.click();
      }
      await signed.waitFor();
      const orders = await stack.fhirGet<Bundle<ServiceRequest>>(`ServiceRequest?patient=${patientId}`);
      expect((orders.entry ?? []).map((e) => e.resource)).toEqual([
        expect.objectContaining({
          status: 'active',
          intent: 'order',
          code: expect.objectContaining({ coding: [expect.objectContaining({ code: '392003006' })] }),
        }),
      ]);
    });

    it('picking a digital examination at 30 weeks shows the warning', async () => {
      await openPatient(page, 'pcb-demo-pregnant-30w');
      await page.getByRole('checkbox', { name: 'Bimanual (digital) pelvic examination' }).check();
      const area = await waitForOrderSelect(page);
      const summaries = await cardSummaries(page, '[data-testid="order-select-cards"]');
      await expect(area.locator('.card[data-indicator="warning"], .card[data-indicator="critical"]').count()).resolves.toBeGreaterThan(0);
      expect(summaries.length).toBeGreaterThan(0);
    });
  });
});
