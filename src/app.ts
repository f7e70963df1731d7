import type { PropsWithChildren } from 'react';
import { initCloud } from './services/cloud';
import { applyStoredA11y } from './services/a11y';
import './app.css';

// Weapp: Taro.cloud.init({ env: CLOUD_ENV, traceUser: true }); h5: no-op.
initCloud();
// 长辈模式 / 高对比度 as stored (h5 puts them on <body> too, for the title bar, tab bar and dialogs).
applyStoredA11y();

function App({ children }: PropsWithChildren) {
  return children;
}

export default App;
