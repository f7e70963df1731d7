import type { PropsWithChildren } from 'react';
import { initCloud } from './services/cloud';
import './app.css';

// Weapp: Taro.cloud.init({ env: CLOUD_ENV, traceUser: true }); h5: no-op.
initCloud();

function App({ children }: PropsWithChildren) {
  return children;
}

export default App;
