import { isBuiltin } from 'node:module';
import { dirname, relative, resolve, sep } from 'node:path';
import tseslint from 'typescript-eslint';
import reactHooks from 'eslint-plugin-react-hooks';

// Fences between layers (docs/architecture.md). A file's zone is its top folder; inside cloudfunctions/ the
// platform, the capabilities and the deployable functions are zones of their own. `only` lists the project
// zones and packages a zone may import (nothing else); `never` the zones and packages it may not.
const ROOT = import.meta.dirname;
const FENCES = {
  domain: { only: { zones: ['domain'], packages: ['dayjs'] }, why: 'The domain core is pure TypeScript: it imports itself and dayjs, nothing else; pass I/O in.' },
  contracts: { only: { zones: ['domain', 'contracts'], packages: ['valibot'] }, why: 'Contracts import only the domain and valibot.' },
  src: { never: { zones: ['cloudfunctions/_platform', 'cloudfunctions/_capabilities', 'cloudfunctions/function', 'runtime', 'scripts', 'tests', 'bench'], packages: ['exceljs', 'qrcode', 'wx-server-sdk', 'better-sqlite3', 'mingo', 'busboy', 'croner'] }, why: 'Pages talk to functions through src/services; server code, spreadsheet/QR libraries and the runtime stay out of the mini-program.' },
  'cloudfunctions/_platform': { never: { zones: ['src', 'runtime', 'cloudfunctions/_capabilities', 'cloudfunctions/function', 'scripts', 'tests'] }, why: 'Platform plumbing knows no capability and no function.' },
  'cloudfunctions/_capabilities': { never: { zones: ['src', 'runtime', 'cloudfunctions/function', 'scripts', 'tests'] }, why: 'Capabilities are used by functions, never the other way round; pages and the runtime are not theirs to import.' },
  'cloudfunctions/function': { never: { zones: ['src', 'runtime', 'scripts', 'tests'] }, why: 'Functions never import pages or the runtime.' },
  runtime: { never: { zones: ['src', 'cloudfunctions/_platform', 'cloudfunctions/_capabilities', 'cloudfunctions/function'] }, why: "The runtime hosts the functions' bundles; it never imports pages or functions' source." },
};

function zoneOf(file) {
  const parts = relative(ROOT, file).split(sep);
  if (parts[0] === '..') return 'outside';
  if (parts[0] !== 'cloudfunctions') return parts[0];
  return parts[1]?.startsWith('_') ? `cloudfunctions/${parts[1]}` : 'cloudfunctions/function';
}

const packageOf = (spec) => (isBuiltin(spec) ? 'node' : spec.startsWith('@') ? spec.split('/').slice(0, 2).join('/') : spec.split('/')[0]);

const layersRule = {
  meta: { type: 'problem', schema: [], messages: { fenced: '{{what}} is outside this layer’s fence: {{why}}', dynamic: 'No require() or import() of project files here (it would get around the layer fences); import it statically.' } },
  create(context) {
    const fence = FENCES[zoneOf(context.filename)];
    if (!fence) return {};
    const check = (node, spec, dynamic) => {
      if (typeof spec !== 'string') return context.report({ node, messageId: 'dynamic' });
      const relativeSpec = spec.startsWith('.') || spec.startsWith('/');
      if (dynamic && relativeSpec) return context.report({ node, messageId: 'dynamic' });
      const target = relativeSpec ? { zone: zoneOf(resolve(dirname(context.filename), spec)) } : { pkg: packageOf(spec) };
      const allowed = fence.only
        ? target.zone ? fence.only.zones.includes(target.zone) : fence.only.packages.includes(target.pkg)
        : target.zone ? !fence.never.zones.includes(target.zone) : !(fence.never.packages ?? []).includes(target.pkg);
      if (!allowed) context.report({ node, messageId: 'fenced', data: { what: target.zone ? `'${spec}' (${target.zone})` : target.pkg === 'node' ? `Node built-in '${spec}'` : `package '${target.pkg}'`, why: fence.why } });
    };
    const literal = (n) => (n && n.type === 'Literal' && typeof n.value === 'string' ? n.value : n && n.type === 'TemplateLiteral' && n.expressions.length === 0 ? n.quasis[0].value.cooked : undefined);
    return {
      ImportDeclaration: (node) => check(node, node.source.value, false),
      ExportNamedDeclaration: (node) => node.source && check(node, node.source.value, false),
      ExportAllDeclaration: (node) => check(node, node.source.value, false),
      TSImportEqualsDeclaration: (node) => node.moduleReference.type === 'TSExternalModuleReference' && check(node, literal(node.moduleReference.expression), true),
      ImportExpression: (node) => check(node, literal(node.source), true),
      CallExpression: (node) => {
        if (node.callee.type === 'Identifier' && node.callee.name === 'require') check(node, literal(node.arguments[0]), true);
      },
    };
  },
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
    files: ['domain/**/*.ts', 'contracts/**/*.ts', 'src/**/*.ts', 'src/**/*.tsx', 'cloudfunctions/**/*.ts', 'runtime/**/*.ts'],
    plugins: { lxq: { rules: { layers: layersRule } } },
    rules: { 'lxq/layers': 'error' },
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
