import tseslint from 'typescript-eslint';
import reactHooks from 'eslint-plugin-react-hooks';

const platformImports = {
  patterns: [
    { group: ['@tarojs/*', 'react', 'react-dom', 'wx-server-sdk', 'better-sqlite3', 'mingo'], message: 'The domain core and contracts stay free of Taro, React, the SDK and storage.' },
    { group: ['node:*', 'fs', 'path', 'http', 'crypto', 'child_process'], message: 'The domain core is pure: pass I/O in.' },
    { group: ['**/runtime/*', '**/cloudfunctions/*', '**/src/*'], message: 'The domain core does not depend on outer layers.' },
  ],
};

// Dates go through domain/time.ts (dayjs, China time): no local-time getters, no hand-written offsets.
const DATES = 'Dates go through domain/time.ts (dayjs in China time); add a helper there if one is missing.';
const handWrittenDates = [
  { selector: 'MemberExpression[property.name=/^[gs]et(UTC)?(FullYear|Month|Date|Day|Hours|Minutes|Seconds|Milliseconds)$/]', message: DATES },
  { selector: "MemberExpression[property.name='getTimezoneOffset']", message: DATES },
  { selector: "CallExpression[callee.property.name='slice'][callee.object.callee.property.name='toISOString']", message: DATES },
  { selector: "CallExpression[callee.property.name='utcOffset']", message: DATES },
  { selector: "MemberExpression[object.name='Date'][property.name='UTC']", message: DATES },
  { selector: "BinaryExpression[operator='*'][left.value=8]:matches([right.value=60], [right.value=3600], [right.value=3600000])", message: DATES },
];

// weapp shortens design-token names at build time (config/postcss-short-tokens.cjs): tokens live in CSS only.
const TOKENS = 'Design tokens are used from CSS only (weapp renames them at build time); add a class instead.';
const tokenRefs = [
  { selector: 'Literal[value=/--lxq-(?!font-scale|touch-scale)/]', message: TOKENS },
  { selector: 'TemplateElement[value.raw=/--lxq-(?!font-scale|touch-scale)/]', message: TOKENS },
];

// Pages talk to functions; Taro's Button only through components/Btn (its `loading` prop breaks React on h5).
const SRC_IMPORTS = {
  patterns: [{ group: ['exceljs', 'exceljs/*', 'qrcode', 'wx-server-sdk', '**/cloudfunctions/*'], message: 'Pages talk to functions; spreadsheet/QR libraries run in the street function and the runtime.' }],
  paths: [{ name: '@tarojs/components', importNames: ['Button'], message: 'Use components/Btn: Taro\'s <Button loading> inserts its spinner into the button while React updates it (NotFoundError insertBefore on h5).' }],
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
      'no-restricted-imports': ['error', SRC_IMPORTS],
    },
  },
  {
    // The one place Taro's Button is used: components/Btn (busy state without the `loading` prop).
    files: ['src/components/Btn/index.tsx'],
    rules: { 'no-restricted-imports': ['error', { patterns: SRC_IMPORTS.patterns }] },
  },
  {
    files: ['domain/**/*.ts', 'contracts/**/*.ts'],
    ignores: ['domain/time.ts'],
    rules: { 'no-restricted-syntax': ['error', ...handWrittenDates] },
  },
  {
    files: ['src/**/*.ts', 'src/**/*.tsx'],
    rules: { 'no-restricted-syntax': ['error', ...handWrittenDates, ...tokenRefs] },
  },
);
