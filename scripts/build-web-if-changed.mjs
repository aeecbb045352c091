#!/usr/bin/env node
/**
 * Builds the web app only when its inputs changed since the build in apps/web/dist, so that
 * restarting the server (`pnpm start`) does not spend ten seconds rebuilding the same files.
 * The inputs are hashed; the hash of the last successful build is kept in dist/.build-stamp,
 * which `vite build` removes with the rest of dist, so any other build forces one here next time.
 * `pnpm build` and `pnpm test` do not use this: they always build.
 */
import { createHash } from 'node:crypto';
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const WEB = join(ROOT, 'apps/web');
const DIST = join(WEB, 'dist');
const STAMP = join(DIST, '.build-stamp');

/** Everything `vite build` reads that can change what it writes. */
const INPUTS = ['apps/web/src', 'apps/web/public', 'apps/web/index.html', 'apps/web/vite.config.ts', 'apps/web/package.json', 'packages/core/src', 'packages/core/package.json', 'pnpm-lock.yaml'];

function* files(path) {
  if (!existsSync(path)) return;
  if (!statSync(path).isDirectory()) {
    yield path;
    return;
  }
  for (const name of readdirSync(path).sort()) yield* files(join(path, name));
}

function inputsHash() {
  const hash = createHash('sha256');
  for (const input of INPUTS) {
    for (const file of files(join(ROOT, input))) {
      // The path too: a renamed file changes the build as much as an edited one.
      hash.update(`${relative(ROOT, file)}\0`);
      hash.update(readFileSync(file));
      hash.update('\0');
    }
  }
  return hash.digest('hex');
}

const hash = inputsHash();
const built = existsSync(join(DIST, 'index.html')) && existsSync(STAMP) ? readFileSync(STAMP, 'utf8').trim() : '';
if (built === hash) {
  console.log('web app unchanged since the last build: not rebuilding (apps/web/dist)');
  process.exit(0);
}

const vite = join(WEB, 'node_modules/.bin', process.platform === 'win32' ? 'vite.cmd' : 'vite');
const result = spawnSync(vite, ['build'], { cwd: WEB, stdio: 'inherit', shell: process.platform === 'win32' });
if (result.status !== 0) process.exit(result.status ?? 1);
// The hash taken before the build: a file edited during it makes the next start build again.
writeFileSync(STAMP, `${hash}\n`);
