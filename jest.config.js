/** One jest run, several projects: pure domain, database conformance, functions through the runtime, pages, deploy. */
const swc = ['@swc/jest', { jsc: { parser: { syntax: 'typescript', tsx: true }, transform: { react: { runtime: 'automatic' } }, target: 'es2020' }, module: { type: 'commonjs' } }];

const nodeProject = (name, roots, extra = {}) => ({
  displayName: name,
  testEnvironment: 'node',
  roots,
  testMatch: ['**/*.test.ts'],
  transform: { '^.+\\.(t|j)sx?$': swc },
  ...extra,
});

module.exports = {
  testTimeout: 60000,
  projects: [
    nodeProject('unit', ['<rootDir>/tests/domain', '<rootDir>/tests/runtime', '<rootDir>/tests/styles']),
    nodeProject('db', ['<rootDir>/tests/db']),
    nodeProject('functions', ['<rootDir>/tests/functions']),
    nodeProject('weapp', ['<rootDir>/tests/weapp']),
    nodeProject('browser', ['<rootDir>/tests/browser']),
    nodeProject('reliability', ['<rootDir>/tests/reliability']),
    nodeProject('deploy', ['<rootDir>/tests/deploy']),
    // 'pages' (jsdom) project is defined in tests/pages/jest.project.js
    require('./tests/pages/jest.project.js'),
  ],
};
