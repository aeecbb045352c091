import { defineProject } from 'vitest/config';
import solid from 'vite-plugin-solid';

/**
 * The web app's unit tests: plain Node with Solid's browser build (vite-plugin-solid picks
 * it in test mode), so signals, memos and resources react inside `createRoot` as they do
 * in the page. No DOM: the primitives under test hold the state, not the markup.
 */
export default defineProject({
  plugins: [solid()],
  test: {
    name: 'web',
    environment: 'node',
    include: ['test/unit/**/*.test.{ts,tsx}'],
    setupFiles: ['test/unit/setup.ts'],
  },
});
