// weapp only (the main package has a byte budget): gives each design token of src/styles/tokens.css a short
// name in the output, --lxq-color-text-muted → --lx1. The mapping is read from tokens.css, so every stylesheet
// gets the same one. The mode knobs keep their names so a page can set them inline. Sources and h5 keep the
// full names; a token is therefore only ever referenced from CSS (ESLint forbids var(--lxq-…) in TS).
const { readFileSync } = require('node:fs');
const { join } = require('node:path');

const KEEP = new Set(['--lxq-font-scale', '--lxq-touch-scale']);

function tokenNames(file) {
  const names = [];
  for (const m of readFileSync(file, 'utf8').matchAll(/(--lxq-[a-z0-9-]+)\s*:/g)) {
    if (!KEEP.has(m[1]) && !names.includes(m[1])) names.push(m[1]);
  }
  return new Map(names.map((name, i) => [name, `--lx${i.toString(36)}`]));
}

module.exports = (opts = {}) => {
  const short = tokenNames(opts.tokens || join(__dirname, '..', 'src', 'styles', 'tokens.css'));
  const rename = (name) => short.get(name) || name;
  return {
    postcssPlugin: 'lxq-short-tokens',
    Declaration(decl) {
      if (decl.prop.startsWith('--lxq-')) decl.prop = rename(decl.prop);
      if (decl.value.includes('--lxq-')) decl.value = decl.value.replace(/--lxq-[a-z0-9-]+/g, rename);
    },
  };
};
module.exports.postcss = true;
module.exports.tokenNames = tokenNames;
