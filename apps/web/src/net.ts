import { createSignal } from 'solid-js';

/** Whether the browser believes it is online; `false` is reliable, `true` only hopeful. */
const [online, setOnline] = createSignal(typeof navigator === 'undefined' ? true : navigator.onLine !== false);
window.addEventListener('online', () => setOnline(true));
window.addEventListener('offline', () => setOnline(false));
export { online };
