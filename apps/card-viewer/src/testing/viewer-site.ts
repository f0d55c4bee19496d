import { execFileSync } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

const APP_ROOT = resolve(__dirname, '../..');

/** Builds the page (build-site.mjs: src/public + tsc) into a fresh temporary folder and returns it. */
export function buildViewerSite(): string {
  const out = mkdtempSync(join(tmpdir(), 'card-viewer-site-'));
  execFileSync(process.execPath, [join(APP_ROOT, 'build-site.mjs'), out], { stdio: 'pipe' });
  return out;
}
