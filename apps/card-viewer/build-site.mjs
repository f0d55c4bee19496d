// Builds the card viewer page into one folder: src/public (HTML, CSS) + the browser TypeScript compiled by tsc
// (ES modules, no bundler, no dependency beyond TypeScript). Used by `nx build card-viewer` and the browser tests.
//   node apps/card-viewer/build-site.mjs [outDir]    (default dist/apps/card-viewer/public)
import { execFileSync } from 'node:child_process';
import { cpSync, mkdirSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));
const outDir = resolve(process.argv[2] ?? join(here, '../../dist/apps/card-viewer/public'));
const tsc = createRequire(import.meta.url).resolve('typescript/bin/tsc');

rmSync(outDir, { recursive: true, force: true });
mkdirSync(outDir, { recursive: true });
cpSync(join(here, 'src/public'), outDir, { recursive: true });
execFileSync(process.execPath, [tsc, '-p', join(here, 'tsconfig.app.json'), '--outDir', join(outDir, 'js')], { stdio: 'inherit' });
process.stdout.write(`card viewer built in ${outDir}\n`);
