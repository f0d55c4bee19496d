// The HAPI suite (npm run test:hapi): tests/*.hapi.spec.ts against a real HAPI FHIR server at HAPI_FHIR_URL.
// It lives outside apps/ and libs/, so `npm test` (nx run-many -t test) never runs it.
module.exports = {
  displayName: 'hapi',
  preset: '../../jest.preset.js',
  testEnvironment: 'node',
  testMatch: ['<rootDir>/tests/**/*.hapi.spec.ts'],
  transform: {
    '^.+\\.[tj]s$': ['ts-jest', { tsconfig: '<rootDir>/tsconfig.spec.json' }],
  },
  // The card viewer's browser code imports its siblings as './x.js'; Jest resolves the .ts source.
  moduleNameMapper: { '^(\\.{1,2}/.*)\\.js$': '$1' },
  moduleFileExtensions: ['ts', 'js', 'html'],
};
