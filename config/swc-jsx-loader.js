// Pre-loader: turns TSX/JSX into plain modern JS (react automatic runtime) with @swc/core,
// so babel-preset-taro runs without @babel/preset-react (not installed here).
// Babel (preset-env, transform-runtime, h5's transform-taroapi) still runs afterwards.
const swc = require('@swc/core');

module.exports = function swcJsxLoader(source, inputMap) {
  const done = this.async();
  const tsx = /\.tsx$/.test(this.resourcePath);
  swc
    .transform(source, {
      filename: this.resourcePath,
      sourceMaps: this.sourceMap,
      inputSourceMap: inputMap ? JSON.stringify(inputMap) : undefined,
      swcrc: false,
      configFile: false,
      isModule: true,
      jsc: {
        parser: tsx ? { syntax: 'typescript', tsx: true } : { syntax: 'ecmascript', jsx: true },
        transform: { react: { runtime: 'automatic', importSource: 'react' } },
        target: 'es2022',
      },
    })
    .then((out) => done(null, out.code, out.map ? JSON.parse(out.map) : undefined))
    .catch(done);
};
