import type { Locator, Page } from 'playwright-core';

/** Opens the viewer and waits until the patient list has loaded (or failed). */
export async function gotoViewer(page: Page, url: string): Promise<void> {
  await page.goto(url);
  // Not "Loading patients…": the count, or the FHIR server's failure.
  await page
    .locator('.patient-list__message')
    .filter({ hasText: /^\d+ patients|not reachable|answered/ })
    .waitFor();
}

/** Clicks a patient in the list and waits for the banner and the patient-view cards (or their error). */
export async function openPatient(page: Page, patientId: string): Promise<void> {
  await page.locator(`button[data-patient-id="${patientId}"]`).click();
  await waitForChart(page, patientId);
}

export async function waitForChart(page: Page, patientId: string): Promise<void> {
  await page.locator('#banner').filter({ hasText: patientId }).locator('dl, .banner__error').waitFor();
  await page
    .locator('#cards:not([aria-busy]) > .cards, #cards:not([aria-busy]) > .cards__empty, #cards:not([aria-busy]) > .cards__error')
    .waitFor();
}

export function patientViewCards(page: Page): Locator {
  return page.locator('#cards .card');
}

export async function cardSummaries(page: Page, scope = '#cards'): Promise<string[]> {
  return page.locator(`${scope} .card__summary`).allTextContents();
}

/** The order-select cards area, once it shows cards, "no cards" or an error (not while asking). */
export async function waitForOrderSelect(page: Page): Promise<Locator> {
  const area = page.getByTestId('order-select-cards');
  await area.locator('> .cards, > .cards__empty, > .cards__error').waitFor();
  return area;
}
