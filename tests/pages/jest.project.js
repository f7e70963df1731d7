// Placeholder until the Taro page harness lands; replaced by the pages setup.
module.exports = { displayName: 'pages', testEnvironment: 'node', roots: ['<rootDir>/tests/pages'], testMatch: ['**/*.test.tsx'] };
