import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdtempSync, readdirSync, readFileSync, statSync, writeFileSync, copyFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import sharp from 'sharp';
import { knownMigrations, type Database } from '@groundswell/db';
import { loadDemo } from '@groundswell/db/demo';
import { sql } from '@groundswell/db/testing';
import { testDatabase } from '@groundswell/db/vitest';
import { DiskStorage, type Storage } from '../src/storage/storage.ts';
import { backup } from '../src/ops/backup.ts';
import { restore, type RestoreTarget } from '../src/ops/restore.ts';
import { verifyArchive } from '../src/ops/verify-archive.ts';
import { TarWriter, readTarIndex, entryBytes, type Manifest } from '../src/ops/archive.ts';
import { fixedClock, json, seedCategory, testApp } from './helpers.ts';

let ctx: Awaited<ReturnType<typeof testApp>>;
const work = mkdtempSync(join(tmpdir(), 'gs-backup-test-'));
const archive = join(work, 'backup.tar');
let manifest: Manifest;
/** A resident's report with room for more photos, for the upload made during a backup. */
let firstReport: { id: string; uploadToken: string };
const toClose: Database[] = [];

const jpeg = (colour: string) =>
  sharp({ create: { width: 64, height: 48, channels: 3, background: colour } })
    .jpeg()
    .toBuffer();

/** Every file under a folder, by relative path, with its bytes. */
function filesUnder(root: string, dir = root, out = new Map<string, Buffer>()): Map<string, Buffer> {
  for (const name of readdirSync(dir)) {
    const p = join(dir, name);
    if (statSync(p).isDirectory()) filesUnder(root, p, out);
    else out.set(relative(root, p), readFileSync(p));
  }
  return out;
}

/** Every row of every table in public, as text: equal fingerprints mean equal contents. */
async function fingerprint(database: Database): Promise<Record<string, string>> {
  const tables = await database.rows<{ name: string }>(sql`
    select c.relname as name from pg_class c join pg_namespace n on n.oid = c.relnamespace
    where n.nspname = 'public' and c.relkind = 'r' and c.relname <> 'spatial_ref_sys' order by 1`);
  const out: Record<string, string> = {};
  for (const { name } of tables) {
    const [row] = await database.rows<{ n: number; h: string | null }>(sql`select count(*)::int as n, md5(string_agg(t::text, '|' order by t::text)) as h from ${sql.identifier(name)} t`);
    out[name] = `${row!.n}:${row!.h}`;
  }
  return out;
}

const uploadPhoto = async (report: { id: string; uploadToken: string }, colour: string) => {
  const form = new FormData();
  form.set('photo', new Blob([await jpeg(colour)], { type: 'image/jpeg' }), 'p.jpg');
  return ctx.app.request(`/api/reports/${report.id}/photos`, { method: 'POST', headers: { 'x-upload-token': report.uploadToken }, body: form });
};

const rowsOf = (database: Database, table: 'reports' | 'report_events' | 'photos') => database.rows(sql`select * from ${sql.identifier(table)} order by id`);

beforeAll(async () => {
  ctx = await testApp();
  // The demo gives staff events, notes, merges and the network; residents' reports add photos.
  await loadDemo(ctx.database, { now: new Date('2026-11-01T12:00:00Z') });
  await seedCategory(ctx.database, 'backup_test');
  for (const [i, colour] of ['#a33', '#3a3', '#33a'].entries()) {
    const res = await ctx.app.request('/api/reports', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ category: 'backup_test', geometry: { type: 'Point', coordinates: [-3.2 + i / 100, 56.4] }, description: `Backed up ${i}`, contact: { email: `r${i}@example.org` } }),
    });
    expect(res.status).toBe(201);
    const report = await json(res);
    firstReport ??= report;
    for (let n = 0; n <= i; n++) expect((await uploadPhoto(report, colour)).status).toBe(201);
  }
  manifest = await backup({ database: ctx.database, storage: ctx.storage, clock: fixedClock() }, { file: archive });
}, 60_000);

afterAll(async () => {
  for (const d of toClose) await d.close();
  await ctx?.close();
});

describe('backup', () => {
  it('writes one tar whose manifest counts the reports, events and photos and names every part', async () => {
    const [counts] = await ctx.database.rows<{ reports: number; events: number; photos: number }>(
      sql`select (select count(*)::int from reports) as reports, (select count(*)::int from report_events) as events, (select count(*)::int from photos) as photos`,
    );
    expect(manifest.counts).toEqual(counts);
    expect(manifest.counts.photos).toBe(6);
    expect(manifest.engine).toBe(ctx.database.kind);
    expect(manifest.migration?.tag).toBe(knownMigrations().at(-1)!.tag);
    expect(manifest.missingFiles).toEqual([]);
    // Two files per photo, each under files/ with its storage key.
    expect(manifest.files).toHaveLength(12);
    const paths = (await readTarIndex(archive)).map((e) => e.path);
    expect(paths.at(-1)).toBe('manifest.json');
    expect(paths).toEqual([manifest.database.path, ...manifest.files.map((f) => f.path), 'manifest.json']);
  });

  it('refuses to overwrite an existing file', async () => {
    await expect(backup({ database: ctx.database, storage: ctx.storage, clock: fixedClock() }, { file: archive })).rejects.toThrow(/already exists/);
  });
});

describe('restore into a wiped database', () => {
  it('brings back every report, event and photo row and every photo byte', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'gs-restore-'));
    const storage = new DiskStorage(dataDir);
    let target: RestoreTarget;
    if (ctx.database.kind === 'postgres') {
      // A fresh migrated database already has tables: restore refuses it unless told to wipe it.
      const empty = await testDatabase();
      toClose.push(empty);
      target = { kind: 'postgres', url: empty.url! };
      await expect(restore({ storage }, { file: archive, target, replace: false })).rejects.toThrow(/not empty/);
    } else {
      target = { kind: 'pglite', dataDir };
    }
    const result = await restore({ storage }, { file: archive, target, replace: true });
    toClose.push(result.database);
    expect(result.restored.counts).toEqual(manifest.counts);
    expect(result.photoFilesChecked).toBe(12);

    for (const table of ['reports', 'report_events', 'photos'] as const) {
      expect(await rowsOf(result.database, table)).toEqual(await rowsOf(ctx.database, table));
    }
    expect(await fingerprint(result.database)).toEqual(await fingerprint(ctx.database));
    const before = filesUnder(join(ctx.config.dataDir, 'photos'));
    const after = filesUnder(join(dataDir, 'photos'));
    expect([...after.keys()].sort()).toEqual([...before.keys()].sort());
    for (const [path, bytes] of before) expect(after.get(path)!.equals(bytes), path).toBe(true);
  }, 60_000);
});

describe('a backup restore cannot trust', () => {
  it('is refused whole when one photo byte changed, before the target is touched', async () => {
    const bad = join(work, 'tampered.tar');
    copyFileSync(archive, bad);
    const entry = (await readTarIndex(bad)).find((e) => e.path === manifest.files[0]!.path)!;
    const bytes = readFileSync(bad);
    bytes[entry.offset + 100]! ^= 0xff;
    writeFileSync(bad, bytes);
    await expect(verifyArchive(bad)).rejects.toThrow(/does not match its sha256/);
    const target: RestoreTarget = ctx.database.kind === 'postgres' ? { kind: 'postgres', url: 'postgres://nobody@127.0.0.1:1/none' } : { kind: 'pglite', dataDir: 'memory://' };
    await expect(restore({ storage: new DiskStorage(mkdtempSync(join(tmpdir(), 'gs-restore-'))) }, { file: bad, target, replace: true })).rejects.toThrow(/sha256/);
  });

  it('is refused when it comes from a newer migration than this code knows', async () => {
    const future = join(work, 'future.tar');
    const tar = await TarWriter.create(future, new Date());
    const index = await readTarIndex(archive);
    const database = await tar.addBytes(manifest.database.path, await entryBytes(archive, index.find((e) => e.path === manifest.database.path)!));
    const latest = knownMigrations().at(-1)!;
    const newer = { ...manifest, database, files: [], migration: { tag: '9999_from_the_future', when: latest.when + 1 } };
    await tar.addBytes('manifest.json', Buffer.from(JSON.stringify(newer)));
    await tar.finish();
    await expect(verifyArchive(future)).rejects.toThrow(/9999_from_the_future, newer than this code knows/);
  });

  it('is refused on the other engine', async () => {
    const other: RestoreTarget = ctx.database.kind === 'postgres' ? { kind: 'pglite', dataDir: 'memory://' } : { kind: 'postgres', url: 'postgres://nobody@127.0.0.1:1/none' };
    await expect(restore({ storage: new DiskStorage(mkdtempSync(join(tmpdir(), 'gs-restore-'))) }, { file: archive, target: other, replace: true })).rejects.toThrow(
      /backup and this server is configured for/,
    );
  });
});

// Last: it adds a photo to the source database, which the comparison above must not see.
describe('a photo uploaded while the backup runs', () => {
  it('is in the backup with its row or not at all', async () => {
    let added: { id: string } | undefined;
    const real: Storage = ctx.storage;
    // The upload lands after the database snapshot, while the photo files are being copied.
    const storage: Storage = {
      get: async (key) => {
        if (!added) {
          const res = await uploadPhoto(firstReport, '#ff0');
          expect(res.status).toBe(201);
          added = await json(res);
        }
        return real.get(key);
      },
      put: (key, bytes, type) => real.put(key, bytes, type),
      delete: (key) => real.delete(key),
    };
    const file = join(work, 'during.tar');
    const during = await backup({ database: ctx.database, storage, clock: fixedClock() }, { file });
    expect(added).toBeDefined();
    const [now] = await ctx.database.rows<{ n: number }>(sql`select count(*)::int as n from photos`);
    expect(now!.n).toBe(manifest.counts.photos + 1);
    // Neither its row (counted in the snapshot) nor its files are in the backup, and nothing is missing.
    expect(during.counts).toEqual(manifest.counts);
    expect(during.files.map((f) => f.path).sort()).toEqual(manifest.files.map((f) => f.path).sort());
    expect(during.files.some((f) => f.path.includes(added!.id))).toBe(false);
    expect(during.missingFiles).toEqual([]);
    await verifyArchive(file);
  });
});
