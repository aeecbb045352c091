import { defineConfig } from 'vite';
import solid from 'vite-plugin-solid';

const API = 'http://localhost:3000';
/** Everything the API serves; in development Vite forwards these to it. */
const API_PREFIXES = ['/api', '/health', '/tiles', '/export', '/ogc', '/open311', '/feeds'];

export default defineConfig({
  plugins: [solid()],
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
          groups: [{ name: 'maplibre', test: /[\\/]node_modules[\\/](\.pnpm[\\/])?[^\\/]*maplibre/ }],
        },
      },
    },
  },
});
