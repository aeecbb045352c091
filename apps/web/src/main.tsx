import { render } from 'solid-js/web';
import { App } from './app.tsx';
import { registerServiceWorker } from './pwa/register.ts';
import './styles.css';

const root = document.getElementById('root');
if (!root) throw new Error('index.html has no #root element');
render(() => <App />, root);
registerServiceWorker();
