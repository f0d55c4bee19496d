import { mkdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import type { Page } from 'playwright-core';

/**
 * docs/screenshots/ of the repository (the README shows these) when UPDATE_SCREENSHOTS=1; otherwise a
 * temporary folder, so that an ordinary test run leaves the working tree clean (ports and dates differ).
 */
const SCREENSHOTS =
  process.env['UPDATE_SCREENSHOTS'] === '1' ? resolve(__dirname, '../../../../docs/screenshots') : join(tmpdir(), 'pcb-cds-screenshots');

export async function screenshot(page: Page, name: string): Promise<void> {
  mkdirSync(SCREENSHOTS, { recursive: true });
  await page.screenshot({ path: join(SCREENSHOTS, `${name}.png`), fullPage: false });
}
