import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, describe, expect, it } from 'vitest';

const run = promisify(execFile);
const dir = mkdtempSync(join(tmpdir(), 'gs-streets-cli-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const way = (properties: Record<string, unknown>, geometry: unknown) => ({ type: 'Feature', properties, geometry });
const line = {
  type: 'LineString',
  coordinates: [
    [-3.2, 56.4],
    [-3.19, 56.4],
  ],
};

/** The real CLI in its own process, on its own embedded database (the operator's way for a whole register). */
async function cli(args: string[]) {
  const { DATABASE_URL: _postgres, ...rest } = process.env;
  const env = { ...rest, DATA_DIR: join(dir, 'data'), LOG_LEVEL: 'silent' };
  try {
    // Node itself with tsx, not npx: under `pnpm test`, npx warns on stderr about pnpm's npm_config_* settings.
    const { stdout, stderr } = await run(process.execPath, ['--import', 'tsx', 'src/cli.ts', ...args], { cwd: join(import.meta.dirname, '..'), env, timeout: 240_000 });
    return { code: 0, stdout, stderr };
  } catch (err) {
    const e = err as { code: number; stdout: string; stderr: string };
    return { code: e.code, stdout: e.stdout, stderr: e.stderr };
  }
}

describe('pnpm cli import-streets', () => {
  it('refuses a file with a bad feature, naming it, then imports the fixed file', async () => {
    const file = join(dir, 'ways.geojson');
    writeFileSync(
      file,
      JSON.stringify({
        type: 'FeatureCollection',
        features: [way({ name: 'Station Road', '@id': 'way/77' }, line), way({ name: 'Church Square', '@id': 'way/78' }, { type: 'Point', coordinates: [-3.2, 56.4] })],
      }),
    );
    const bad = await cli(['import-streets', file, '--source', 'osm']);
    expect(bad.code).toBe(1);
    expect(bad.stderr).toContain('1 of 2 streets have problems; nothing was imported');
    expect(bad.stderr).toContain('features.1: Church Square: a point is not a street line');
    writeFileSync(file, JSON.stringify({ type: 'FeatureCollection', features: [way({ name: 'Station Road', '@id': 'way/77' }, line), way({ name: 'Mill Lane', osm_id: 78 }, line)] }));
    const good = await cli(['import-streets', file, '--source', 'osm']);
    expect(good.stderr).toBe('');
    expect(good.stdout).toContain('Imported 2 street(s); 0 report(s) took a new nearest street');
    const usage = await cli(['import-streets', file, '--source', 'bing']);
    expect(usage.code).toBe(1);
    expect(usage.stderr).toContain('--source is usrn or osm');
  }, 600_000);
});
