// Jest resolver: prefer Taro platform files (x.h5.tsx, x/index.h5.tsx) for relative imports in our code.
const fs = require('fs');
const path = require('path');

const EXTS = ['.tsx', '.ts', '.jsx', '.js'];

module.exports = (request, options) => {
  if (request.startsWith('.') && !path.extname(request) && !options.basedir.includes(`${path.sep}node_modules${path.sep}`)) {
    const base = path.resolve(options.basedir, request);
    for (const ext of EXTS) {
      for (const candidate of [`${base}.h5${ext}`, path.join(base, `index.h5${ext}`)]) {
        if (fs.existsSync(candidate)) return candidate;
      }
    }
  }
  return options.defaultResolver(request, options);
};
