import nx from '@nx/eslint-plugin';
import globals from 'globals';

// Layers: an arrow may only point down this list (app → feature → data-access → domain → model/util).
const layer = (sourceTag, onlyDependOnLibsWithTags, bannedExternalImports) => ({
  sourceTag,
  onlyDependOnLibsWithTags,
  ...(bannedExternalImports ? { bannedExternalImports } : {}),
});

// Pure layers never reach a framework, a network or a FHIR client.
const frameworkFree = ['@nestjs/*', 'express', 'fhir-kit-client', '@medplum/*', 'node:http', 'node:https', 'http', 'https'];

const layers = [
  // Scripts and suites outside apps/ and libs/ that drive the product from the outside.
  layer('type:tool', ['*']),
  layer('type:app', ['type:feature', 'type:data-access', 'type:domain', 'type:model', 'type:util', 'type:data']),
  layer('type:feature', ['type:feature', 'type:data-access', 'type:domain', 'type:model', 'type:util']),
  layer('type:data-access', ['type:data-access', 'type:domain', 'type:model', 'type:util']),
  layer('type:domain', ['type:domain', 'type:model', 'type:util'], frameworkFree),
  layer('type:util', ['type:util', 'type:model'], frameworkFree),
  layer('type:model', ['type:model'], frameworkFree),
  layer('type:data', ['type:model', 'type:util'], frameworkFree),
];

// Scopes: the protocol never learns about the guideline; the guideline may use the protocol.
const scopes = [
  layer('scope:cds-hooks', ['scope:cds-hooks', 'scope:fhir', 'scope:shared']),
  layer('scope:fhir', ['scope:fhir', 'scope:shared']),
  layer('scope:postcoital-bleeding', ['scope:postcoital-bleeding', 'scope:cds-hooks', 'scope:fhir', 'scope:shared']),
  // Shared platform code sits under every scope, so it may lean on nothing but itself.
  layer('scope:shared', ['scope:shared']),
  layer('scope:card-viewer', ['scope:card-viewer', 'scope:cds-hooks', 'scope:fhir', 'scope:shared']),
  layer('scope:cds-service', ['*']),
];

// The rules are pure functions of facts: not even FHIR types may leak in.
const purity = [layer('purity:fhir-free', ['type:domain', 'type:model', 'type:util'], [...frameworkFree, 'fhir', 'fhir/*'])];

const boundaries = (specAccess, extraAllow = []) => [
  'error',
  {
    enforceBuildableLibDependency: true,
    allow: ['^.*/eslint(\\.base)?\\.config\\.[cm]?[jt]s$', ...extraAllow],
    depConstraints: [
      ...layers.map((c) => (specAccess ? { ...c, onlyDependOnLibsWithTags: [...c.onlyDependOnLibsWithTags, 'type:data'] } : c)),
      ...scopes,
      ...purity,
    ],
  },
];

// Test support ships behind a `/testing` entry point (or in a src/testing folder, or a *.testing.ts file) so that
// production code can never pull a stub server, a forged token or a fake clock into the running service.
const testSupportOnly = 'Test support: import it from specs or other test support only.';
const testSupportImports = [
  'error',
  {
    patterns: [
      { regex: '^@pcb-cds/[^/]+/testing$', message: testSupportOnly },
      { regex: '^\\.{1,2}/(.+/)?(testing(/.*)?|[^/]+\\.testing)$', message: testSupportOnly },
    ],
  },
];
const testSupportFiles = [
  '**/*.spec.ts',
  '**/src/testing.ts',
  '**/src/**/testing/**',
  '**/*.testing.ts',
  '**/jest.config.*',
  'tools/hapi/tests/**',
];

export default [
  ...nx.configs['flat/base'],
  ...nx.configs['flat/typescript'],
  ...nx.configs['flat/javascript'],
  { ignores: ['**/dist', '**/out-tsc', '**/node_modules'] },
  {
    files: ['**/*.ts', '**/*.js'],
    rules: {
      '@nx/enforce-module-boundaries': boundaries(false),
      curly: 'error',
      eqeqeq: ['error', 'always'],
      '@typescript-eslint/consistent-type-imports': 'error',
      '@typescript-eslint/explicit-function-return-type': ['error', { allowExpressions: true }],
    },
  },
  {
    files: ['**/*.ts', '**/*.js', '**/*.mjs', '**/*.cts'],
    ignores: testSupportFiles,
    rules: { 'no-restricted-imports': testSupportImports },
  },
  {
    // A library's public surface is the list its entry points name: a wildcard would publish every export of a file.
    files: ['**/src/index.ts', '**/src/testing.ts'],
    rules: {
      'no-restricted-syntax': [
        'error',
        { selector: 'ExportAllDeclaration', message: 'Name each export of an entry point (export { a } / export type { T }).' },
      ],
    },
  },
  {
    // Plain Node scripts: no type-check stands behind them, so an undefined name must fail lint.
    files: ['**/*.mjs'],
    languageOptions: { globals: globals.node },
    rules: { 'no-undef': 'error', curly: 'error', eqeqeq: ['error', 'always'] },
  },
  {
    // Specs may use the demo patients.
    files: ['**/*.spec.ts'],
    rules: {
      '@nx/enforce-module-boundaries': boundaries(true),
      '@typescript-eslint/explicit-function-return-type': 'off',
    },
  },
  {
    // The HAPI suite starts the apps themselves, through the same harnesses the apps' own specs use.
    files: ['tools/hapi/tests/**/*.ts'],
    rules: {
      '@nx/enforce-module-boundaries': boundaries(true, ['^(\\.\\./)+apps/']),
      '@typescript-eslint/explicit-function-return-type': 'off',
    },
  },
];
