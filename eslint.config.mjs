import tseslint from 'typescript-eslint';
import reactHooks from 'eslint-plugin-react-hooks';

const platformImports = {
  patterns: [
    { group: ['@tarojs/*', 'react', 'react-dom', 'wx-server-sdk', 'better-sqlite3', 'mingo'], message: 'The domain core and contracts stay free of Taro, React, the SDK and storage.' },
    { group: ['node:*', 'fs', 'path', 'http', 'crypto', 'child_process'], message: 'The domain core is pure: pass I/O in.' },
    { group: ['**/runtime/*', '**/cloudfunctions/*', '**/src/*'], message: 'The domain core does not depend on outer layers.' },
  ],
};

export default tseslint.config(
  { ignores: ['node_modules/**', 'dist/**', '.data/**', 'coverage/**', 'bench/out/**', '**/*.js', '**/*.cjs', '**/*.mjs'] },
  ...tseslint.configs.recommended,
  {
    rules: {
      '@typescript-eslint/no-explicit-any': 'off',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_', caughtErrors: 'none' }],
      '@typescript-eslint/no-require-imports': 'off',
    },
  },
  {
    files: ['domain/**/*.ts', 'contracts/**/*.ts'],
    rules: { 'no-restricted-imports': ['error', platformImports] },
  },
  {
    files: ['src/**/*.tsx', 'src/**/*.ts'],
    plugins: { 'react-hooks': reactHooks },
    rules: {
      'react-hooks/rules-of-hooks': 'error',
      'react-hooks/exhaustive-deps': 'warn',
      // Server-side libraries stay out of the mini-program packages (size budget, no Node APIs there).
      'no-restricted-imports': ['error', { patterns: [{ group: ['exceljs', 'exceljs/*', 'qrcode', 'wx-server-sdk', '**/cloudfunctions/*'], message: 'Pages talk to functions; spreadsheet/QR libraries run in the street function and the runtime.' }] }],
    },
  },
);
