/** jsdom project for Taro pages (see docs: platform-facts.md "Tests"). */
const path = require('path');

const swc = [
  '@swc/jest',
  {
    jsc: {
      parser: { syntax: 'typescript', tsx: true },
      transform: { react: { runtime: 'automatic' } },
      target: 'es2020',
    },
    module: { type: 'commonjs' },
  },
];

// ESM-only packages under node_modules that must be transformed.
const esm = ['@tarojs', '@stencil', 'query-string', 'decode-uri-component', 'split-on-first', 'filter-obj', 'lodash-es', 'swiper', 'ssr-window', 'dom7', 'nanoid'];

module.exports = {
  displayName: 'pages',
  rootDir: path.resolve(__dirname, '../..'),
  testEnvironment: 'jsdom',
  roots: ['<rootDir>/tests/pages'],
  testMatch: ['**/*.test.tsx'],
  transform: { '^.+\\.(t|j)sx?$': swc, '^.+\\.mjs$': swc },
  transformIgnorePatterns: [`<rootDir>/node_modules/(?!(${esm.join('|')})/)`],
  moduleFileExtensions: ['tsx', 'ts', 'jsx', 'js', 'mjs', 'json'],
  // Picks foo.h5.ts(x) over foo.ts(x), like Taro's h5 build.
  resolver: '<rootDir>/tests/pages/resolver.js',
  moduleNameMapper: {
    '^@tarojs/taro$': '<rootDir>/tests/pages/taro-shim.js',
    '^@tarojs/components$': '@tarojs/components/lib/react',
    '\\.(css|less|scss|sass)$': '<rootDir>/tests/pages/style-stub.js',
  },
  setupFilesAfterEnv: ['<rootDir>/tests/pages/setup.js'],
  globals: {
    ENABLE_INNER_HTML: true,
    ENABLE_ADJACENT_HTML: true,
    ENABLE_SIZE_APIS: true,
    ENABLE_TEMPLATE_CONTENT: true,
    ENABLE_MUTATION_OBSERVER: true,
    ENABLE_CLONE_NODE: true,
    ENABLE_CONTAINS: true,
    DEPRECATED_ADAPTER_COMPONENT: false,
    __TARO_FRAMEWORK__: 'react',
    CLOUD_ENV: 'test-env',
  },
};
