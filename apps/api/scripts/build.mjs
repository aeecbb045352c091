#!/usr/bin/env node
/**
 * Compiles the API to JavaScript once (apps/api/dist/server.mjs and cli.mjs), so production runs
 * plain `node` without tsx compiling TypeScript in the server's memory at every start. Our own
 * code (the API and the workspace packages, which ship TypeScript) is bundled; every npm package
 * stays an import of node_modules, loaded as its authors ship it (native and WebAssembly parts
 * included). A second run with unchanged sources takes well under a second.
 *
 * dist/ sits beside src/ on purpose: `import.meta.url` in a bundle is the bundle's own file, and
 * the paths the code resolves from it (the migrations folder, the built web app) are relative to
 * a file at that depth.
 */
import { build } from 'esbuild';
import { relative } from 'node:path';
import { fileURLToPath } from 'node:url';

const api = fileURLToPath(new URL('..', import.meta.url));

const dist = `${api}dist`;

/**
 * Bare imports are npm packages and stay external; only `@groundswell/*` is ours to bundle. pnpm
 * gives each workspace package its own node_modules (drizzle-orm is packages/db's, not the
 * API's), so an import is resolved from the file that makes it, as tsx would, and written as a
 * path relative to dist: the bundle loads exactly the files the sources did, and the tree can move.
 */
const npmPackagesExternal = {
  name: 'npm-packages-external',
  setup(b) {
    b.onResolve({ filter: /^[^./]/ }, async (args) => {
      if (args.path.startsWith('@groundswell/') || args.pluginData?.resolving || args.path.startsWith('node:')) return undefined;
      const found = await b.resolve(args.path, { kind: args.kind, importer: args.importer, resolveDir: args.resolveDir, pluginData: { resolving: true } });
      if (found.errors.length > 0) return { errors: found.errors };
      return { path: `./${relative(dist, found.path)}`, external: true };
    });
  },
};

const started = performance.now();
await build({
  absWorkingDir: api,
  entryPoints: { server: 'src/server.ts', cli: 'src/cli.ts' },
  outdir: 'dist',
  outExtension: { '.js': '.mjs' },
  bundle: true,
  platform: 'node',
  format: 'esm',
  target: 'node20',
  sourcemap: 'linked',
  logLevel: 'warning',
  plugins: [npmPackagesExternal],
});
console.log(`API compiled to apps/api/dist in ${Math.round(performance.now() - started)} ms`);
