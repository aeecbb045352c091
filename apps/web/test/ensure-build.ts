import { existsSync, mkdirSync, readdirSync, rmSync, statSync } from 'node:fs';
import { join } from 'node:path';

function newestMtime(path: string): number {
  if (!existsSync(path)) return 0;
  const stat = statSync(path);
  if (!stat.isDirectory()) return stat.mtimeMs;
  return Math.max(0, ...readdirSync(path).map((name) => newestMtime(join(path, name))));
}

const SOURCES = ['src', 'public', 'index.html', 'vite.config.ts', 'package.json'];
const isStale = (webDir: string) => {
  const built = newestMtime(join(webDir, 'dist', 'index.html'));
  const sources = Math.max(...SOURCES.map((p) => newestMtime(join(webDir, p))));
  return built === 0 || built < sources;
};

/** Test files run in parallel workers: only one of them builds, the others wait for it. */
async function withBuildLock<T>(webDir: string, fn: () => Promise<T>): Promise<T> {
  const lock = join(webDir, '.build-lock');
  const started = Date.now();
  for (;;) {
    try {
      mkdirSync(lock);
      break;
    } catch {
      // A lock left by a crashed run is stale after two minutes.
      if (Date.now() - started > 120_000 || (existsSync(lock) && Date.now() - statSync(lock).mtimeMs > 120_000)) {
        rmSync(lock, { recursive: true, force: true });
        continue;
      }
      await new Promise((r) => setTimeout(r, 200));
    }
  }
  try {
    return await fn();
  } finally {
    rmSync(lock, { recursive: true, force: true });
  }
}

/**
 * Builds the web app with its own Vite config when `dist` is missing or older than the
 * sources, so the test always drives what `vite build` would ship.
 */
export async function ensureBuilt(webDir: string): Promise<string> {
  const dist = join(webDir, 'dist');
  if (!isStale(webDir)) return dist;
  await withBuildLock(webDir, async () => {
    if (!isStale(webDir)) return;
    const { build } = await import('vite');
    // Vitest sets NODE_ENV=test, which would make Vite build a development bundle
    // (import.meta.env.PROD false: no service worker, Solid's dev runtime): build as `vite build` does.
    const nodeEnv = process.env.NODE_ENV;
    process.env.NODE_ENV = 'production';
    try {
      await build({ root: webDir, configFile: join(webDir, 'vite.config.ts'), logLevel: 'warn', mode: 'production' });
    } finally {
      process.env.NODE_ENV = nodeEnv;
    }
  });
  return dist;
}
