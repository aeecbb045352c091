import { existsSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { connect } from '../src/connect.ts';
import { sql } from '../src/testing.ts';

const dataDir = mkdtempSync(join(tmpdir(), 'gs-pglite-postgis-'));
afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

describe('PostGIS on the embedded database, its files unpacked on disk', () => {
  it('unpacks postgis without raster, topology or the geocoder, and PostGIS works from it (PROJ included)', async () => {
    const database = await connect({ dataDir });
    try {
      await database.migrate();
      const [unpacked] = readdirSync(join(dataDir, 'extensions')).filter((n) => n.startsWith('postgis-'));
      const root = join(dataDir, 'extensions', unpacked!);
      expect(existsSync(join(root, 'lib/postgresql/postgis-3.so'))).toBe(true);
      expect(existsSync(join(root, 'share/proj/proj.db'))).toBe(true);
      expect(existsSync(join(root, 'lib/postgresql/postgis_raster-3.so'))).toBe(false);
      expect(readdirSync(join(root, 'share/postgresql/extension')).filter((n) => /raster|topology|tiger|unpackaged/.test(n))).toEqual([]);
      // British National Grid needs proj.db (read through the mount); Web Mercator and trigrams as the app uses them.
      const [row] = await database.rows<{ x: number; merc: string; s: number; versions: string }>(
        sql`select round(st_x(st_transform(st_setsrid(st_point(0, 51), 4326), 27700))) as x,
                   st_astext(st_transform(st_setsrid(st_point(0, 51), 4326), 3857)) as merc,
                   similarity('pothole', 'potholes') as s,
                   (select string_agg(name, ',' order by name) from pg_available_extensions where name like 'postgis%') as versions`,
      );
      expect(row).toMatchObject({ x: 540434, merc: 'POINT(0 6621293.722740169)', versions: 'postgis' });
      expect(row!.s).toBeGreaterThan(0.5);
      await expect(database.rows(sql`create extension postgis_raster`)).rejects.toThrow();
    } finally {
      await database.close();
    }
    // A second start reuses the unpacked copy.
    const again = await connect({ dataDir });
    try {
      expect((await again.rows<{ n: number }>(sql`select count(*)::int as n from spatial_ref_sys`))[0]!.n).toBeGreaterThan(1000);
    } finally {
      await again.close();
    }
    expect(readdirSync(join(dataDir, 'extensions')).filter((n) => n.startsWith('postgis-'))).toHaveLength(1);
  });
});
