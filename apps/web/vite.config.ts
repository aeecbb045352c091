import { defineConfig } from 'vite';
import solid from 'vite-plugin-solid';
import { VitePWA } from 'vite-plugin-pwa';

const API = 'http://localhost:3000';
/** Everything the API serves; in development Vite forwards these to it. */
const API_PREFIXES = ['/api', '/health', '/tiles', '/export', '/ogc', '/open311', '/feeds'];

export default defineConfig({
  plugins: [
    solid(),
    VitePWA({
      // The app registers the worker itself (src/pwa/register.ts), after the first paint.
      injectRegister: false,
      registerType: 'autoUpdate',
      includeAssets: ['icons/icon.svg', 'icons/apple-touch-icon.png'],
      manifest: {
        name: 'Groundswell: report a local problem',
        short_name: 'Groundswell',
        description: 'Report and follow local problems on a map: litter, blocked ditches, potholes and more. Works without signal.',
        lang: 'en',
        start_url: '/',
        scope: '/',
        display: 'standalone',
        orientation: 'portrait',
        background_color: '#f6f7f5',
        theme_color: '#0b5d4b',
        icons: [
          { src: '/icons/icon-192.png', sizes: '192x192', type: 'image/png' },
          { src: '/icons/icon-512.png', sizes: '512x512', type: 'image/png' },
          { src: '/icons/icon-maskable-512.png', sizes: '512x512', type: 'image/png', purpose: 'maskable' },
          { src: '/icons/icon.svg', sizes: 'any', type: 'image/svg+xml' },
        ],
      },
      workbox: {
        // The app shell: every built file, so the app opens and makes reports with no signal.
        globPatterns: ['**/*.{js,css,html,svg,png,webmanifest}'],
        // Staff work online, and the planning pages are not for the field: residents' phones
        // should not download the console or the charting library in the background.
        globIgnores: ['**/Console-*', '**/InsightPage-*'],
        maximumFileSizeToCacheInBytes: 3 * 1024 * 1024,
        cleanupOutdatedCaches: true,
        clientsClaim: true,
        skipWaiting: true,
        navigateFallback: '/index.html',
        navigateFallbackDenylist: API_PREFIXES.map((p) => new RegExp(`^${p}(/|$)`)),
        runtimeCaching: [
          {
            // What the app needs to start: fresh when online, the last copy when not.
            urlPattern: ({ url, sameOrigin }) => sameOrigin && (url.pathname === '/api/config' || url.pathname === '/api/categories'),
            handler: 'NetworkFirst',
            options: { cacheName: 'gs-api-start', networkTimeoutSeconds: 4, cacheableResponse: { statuses: [200] } },
          },
          {
            // Reports the resident looked at (their own, followed ones): the last state seen.
            urlPattern: ({ url, sameOrigin }) => sameOrigin && /^\/api\/reports\/(?!nearby$)[a-z0-9]{4,32}$/.test(url.pathname),
            handler: 'NetworkFirst',
            options: { cacheName: 'gs-api-reports', networkTimeoutSeconds: 4, expiration: { maxEntries: 100, maxAgeSeconds: 30 * 86400 }, cacheableResponse: { statuses: [200] } },
          },
          {
            urlPattern: ({ url, sameOrigin }) => sameOrigin && url.pathname.startsWith('/api/photos/'),
            handler: 'CacheFirst',
            options: { cacheName: 'gs-photos', expiration: { maxEntries: 200, maxAgeSeconds: 30 * 86400 }, cacheableResponse: { statuses: [200] } },
          },
          {
            // Report tiles: fresh when online (the server answers 304 while an area is unchanged),
            // the last copy offline, so a field looked at once still shows its reports.
            urlPattern: ({ url, sameOrigin }) => sameOrigin && url.pathname.startsWith('/tiles/reports/'),
            handler: 'NetworkFirst',
            options: { cacheName: 'gs-report-tiles', networkTimeoutSeconds: 4, expiration: { maxEntries: 1000, maxAgeSeconds: 7 * 86400 }, cacheableResponse: { statuses: [200] } },
          },
          {
            // The still picture of the map phones show first (ADR 0004): as the report tiles, so it shows offline.
            urlPattern: ({ url, sameOrigin }) => sameOrigin && url.pathname === '/api/map/picture.svg',
            handler: 'NetworkFirst',
            options: { cacheName: 'gs-map-pictures', networkTimeoutSeconds: 4, expiration: { maxEntries: 50, maxAgeSeconds: 7 * 86400 }, cacheableResponse: { statuses: [200] } },
          },
          {
            // Base map tiles, glyphs and sprites (any host): a field visited once still has a map.
            urlPattern: ({ url, sameOrigin }) => !sameOrigin && /\.(pbf|mvt|png|jpe?g|webp)$/.test(url.pathname),
            handler: 'CacheFirst',
            options: { cacheName: 'gs-map-tiles', expiration: { maxEntries: 3000, maxAgeSeconds: 30 * 86400 }, cacheableResponse: { statuses: [200] } },
          },
          {
            // Base map styles and TileJSON from another host: fresh when online.
            urlPattern: ({ url, sameOrigin }) => !sameOrigin && (/\/styles?\//.test(url.pathname) || /\.json$/.test(url.pathname)),
            handler: 'NetworkFirst',
            options: { cacheName: 'gs-map-styles', networkTimeoutSeconds: 4, expiration: { maxEntries: 30 }, cacheableResponse: { statuses: [200] } },
          },
        ],
      },
    }),
  ],
  server: {
    proxy: Object.fromEntries(API_PREFIXES.map((prefix) => [prefix, { target: API, changeOrigin: false }])),
  },
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    target: 'es2022',
    // MapLibre alone is about 1 MB minified (270 kB gzipped); the app's own code is far below this.
    chunkSizeWarningLimit: 1200,
    rolldownOptions: {
      output: {
        // MapLibre is most of the weight and changes rarely: its own long-cached chunk.
        codeSplitting: {
          groups: [{ name: 'maplibre', test: /[\\/]node_modules[\\/](\.pnpm[\\/])?(?!terra-draw)[^\\/]*maplibre/ }],
        },
      },
    },
  },
});
