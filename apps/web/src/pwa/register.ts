/**
 * Installs the service worker (built by vite-plugin-pwa: the app shell precached, the API's
 * start-up answers and base map tiles cached as they are used), then fetches what the app
 * needs to start once more through it, so the very first visit already works offline.
 */
const WARM_UP = ['/api/config', '/api/categories'];

export function registerServiceWorker(): void {
  if (!import.meta.env.PROD || !('serviceWorker' in navigator)) return;
  const warmUp = () => {
    for (const url of WARM_UP) void fetch(url, { headers: { accept: 'application/json' } }).catch(() => undefined);
  };
  const start = () => {
    navigator.serviceWorker
      .register('/sw.js', { scope: '/' })
      .then(() => {
        if (navigator.serviceWorker.controller) warmUp();
        else navigator.serviceWorker.addEventListener('controllerchange', warmUp, { once: true });
      })
      .catch(() => {
        // No worker (an old browser, a private window): the app still works online.
      });
  };
  if (document.readyState === 'complete') start();
  else window.addEventListener('load', start, { once: true });
}
