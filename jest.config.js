/** Tests mirror the tree: unit (pure, fast), integration (real DynamoDB Local, HTTP, SMTP), infra (CDK). */
const transform = { '^.+\\.(t|j)sx?$|\\.mjs$': ['@swc/jest', { jsc: { target: 'es2022' } }] };
// unpdf's pdf.js build is ESM only (.mjs): the test runner's CommonJS needs it transformed like our code.
const common = {
  transform,
  transformIgnorePatterns: ['/node_modules/(?!unpdf/)'],
  // …and its package exports it for `import` only.
  moduleNameMapper: { '^unpdf/pdfjs$': '<rootDir>/node_modules/unpdf/dist/pdfjs.mjs' },
  testEnvironment: 'node',
  moduleFileExtensions: ['ts', 'js', 'mjs', 'json'],
};
module.exports = {
  // Real servers and CDK synths on a 2-core machine: generous per-test time (a global option in
  // jest, not a project one). Speed is measured in bench/, never asserted here.
  testTimeout: 120_000,
  reporters: ['default', '<rootDir>/test/support/summary-reporter.js'],
  projects: [
    { ...common, displayName: 'unit', testMatch: ['<rootDir>/test/unit/**/*.test.ts'] },
    {
      ...common,
      displayName: 'integration',
      testMatch: ['<rootDir>/test/integration/**/*.test.ts'],
      globalSetup: '<rootDir>/test/support/global-setup.ts',
      globalTeardown: '<rootDir>/test/support/global-teardown.ts',
    },
    { ...common, displayName: 'infra', testMatch: ['<rootDir>/test/infra/**/*.test.ts'] },
  ],
};
