// jsdom lacks a few browser APIs Taro's h5 layer touches.
if (typeof window !== 'undefined' && !window.matchMedia) {
  window.matchMedia = () => ({ matches: false, addListener() {}, removeListener() {}, addEventListener() {}, removeEventListener() {} });
}

// Pages read "now" from src/services/clock; pin it so no page test depends on today's date.
const { setClock } = require('../../src/services/clock');
const { PAGE_NOW } = require('./clock');
setClock(() => PAGE_NOW);

// A first render of a Taro page in jsdom can take over a second on a loaded 2-core machine.
require('@testing-library/react').configure({ asyncUtilTimeout: 5000 });
