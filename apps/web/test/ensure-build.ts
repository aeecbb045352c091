import { existsSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';

function newestMtime(path: string): number {
  if (!existsSync(path)) return 0;
  const stat = statSync(path);
  if (!stat.isDirectory()) return stat.mtimeMs;
  return Math.max(0, ...readdirSync(path).map((name) => newestMtime(join(path, name))));
}

/**
 * Builds the web app with its own Vite config when `dist` is missing or older than the
 * sources, so the test always drives what `vite build` would ship.
 */
export async function ensureBuilt(webDir: string): Promise<string> {
  const dist = join(webDir, 'dist');
  const built = newestMtime(join(dist, 'index.html'));
  const sources = Math.max(...['src', 'index.html', 'vite.config.ts', 'package.json'].map((p) => newestMtime(join(webDir, p))));
  if (built === 0 || built < sources) {
    const { build } = await import('vite');
    await build({ root: webDir, configFile: join(webDir, 'vite.config.ts'), logLevel: 'warn', mode: 'production' });
  }
  return dist;
}
