import nx from '@nx/eslint-plugin';

// Layers: an arrow may only point down this list (app → feature → data-access → domain → model/util).
const layer = (sourceTag, onlyDependOnLibsWithTags, bannedExternalImports) => ({
  sourceTag,
  onlyDependOnLibsWithTags,
  ...(bannedExternalImports ? { bannedExternalImports } : {}),
});

// Pure layers never reach a framework, a network or a FHIR client.
const frameworkFree = ['@nestjs/*', 'express', 'fhir-kit-client', '@medplum/*', 'node:http', 'node:https', 'http', 'https'];

const layers = [
  layer('type:app', ['type:feature', 'type:data-access', 'type:domain', 'type:model', 'type:util', 'type:data']),
  layer('type:feature', ['type:feature', 'type:data-access', 'type:domain', 'type:model', 'type:util']),
  layer('type:data-access', ['type:data-access', 'type:domain', 'type:model', 'type:util']),
  layer('type:domain', ['type:domain', 'type:model', 'type:util'], frameworkFree),
  layer('type:util', ['type:util', 'type:model'], frameworkFree),
  layer('type:model', ['type:model'], frameworkFree),
  layer('type:data', ['type:model', 'type:util'], frameworkFree),
  layer('type:testing', ['type:feature', 'type:data-access', 'type:domain', 'type:model', 'type:util', 'type:data', 'type:testing']),
];

// Scopes: the protocol never learns about the guideline; the guideline may use the protocol.
const scopes = [
  layer('scope:cds-hooks', ['scope:cds-hooks', 'scope:fhir', 'scope:shared']),
  layer('scope:fhir', ['scope:fhir', 'scope:shared']),
  layer('scope:postcoital-bleeding', ['scope:postcoital-bleeding', 'scope:cds-hooks', 'scope:fhir', 'scope:shared']),
  layer('scope:shared', ['scope:shared', 'scope:cds-hooks', 'scope:fhir', 'scope:postcoital-bleeding']),
  layer('scope:card-viewer', ['scope:card-viewer', 'scope:cds-hooks', 'scope:fhir', 'scope:shared']),
  layer('scope:cds-service', ['*']),
];

// The rules are pure functions of facts: not even FHIR types may leak in.
const purity = [layer('purity:fhir-free', ['type:domain', 'type:model', 'type:util'], [...frameworkFree, 'fhir', 'fhir/*'])];

const boundaries = (extraTestingAccess) => [
  'error',
  {
    enforceBuildableLibDependency: true,
    allow: ['^.*/eslint(\\.base)?\\.config\\.[cm]?[jt]s$'],
    depConstraints: [
      ...layers.map((c) =>
        extraTestingAccess && c.sourceTag !== 'type:testing'
          ? { ...c, onlyDependOnLibsWithTags: [...c.onlyDependOnLibsWithTags, 'type:testing', 'type:data'] }
          : c,
      ),
      ...scopes,
      ...purity,
    ],
  },
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
    // Specs may use the shared testing harness and the demo patients.
    files: ['**/*.spec.ts'],
    rules: {
      '@nx/enforce-module-boundaries': boundaries(true),
      '@typescript-eslint/explicit-function-return-type': 'off',
    },
  },
];
