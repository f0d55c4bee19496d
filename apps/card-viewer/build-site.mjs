// Builds the card viewer page into one folder: src/public (HTML, CSS) + the browser TypeScript compiled by tsc
// (ES modules, no bundler) + markdown-it's own browser build (js/vendor/, served by the viewer, no CDN).
// Used by `nx build card-viewer` and the browser tests.
//   node apps/card-viewer/build-site.mjs [outDir]    (default dist/apps/card-viewer/public)
import { execFileSync } from 'node:child_process';
import { copyFileSync, cpSync, mkdirSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));
const outDir = resolve(process.argv[2] ?? join(here, '../../dist/apps/card-viewer/public'));
const require = createRequire(import.meta.url);
const tsc = require.resolve('typescript/bin/tsc');
// The package's minified UMD build: one file, no imports to resolve; it sets globalThis.markdownit.
const markdownIt = require.resolve('markdown-it/browser');

rmSync(outDir, { recursive: true, force: true });
mkdirSync(outDir, { recursive: true });
cpSync(join(here, 'src/public'), outDir, { recursive: true });
execFileSync(process.execPath, [tsc, '-p', join(here, 'tsconfig.app.json'), '--outDir', join(outDir, 'js')], { stdio: 'inherit' });
mkdirSync(join(outDir, 'js/vendor'), { recursive: true });
copyFileSync(markdownIt, join(outDir, 'js/vendor/markdown-it.min.js'));
copyFileSync(join(dirname(require.resolve('markdown-it/package.json')), 'LICENSE'), join(outDir, 'js/vendor/markdown-it.LICENSE.txt'));
process.stdout.write(`card viewer built in ${outDir}\n`);
