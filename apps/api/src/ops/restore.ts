import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DomainError } from '@groundswell/core';
import { connect, databaseContents, restorePglite, restorePostgres, type Database, type DatabaseContents } from '@groundswell/db';
import type { AppDeps } from '../deps.ts';
import { entryBytes, extractEntry, photoFiles, sha256, type Manifest } from './archive.ts';
import { storageKeyOf, verifyArchive, type VerifiedArchive } from './verify-archive.ts';

export type RestoreTarget = { kind: 'postgres'; url: string } | { kind: 'pglite'; dataDir: string };

export interface RestoreInput {
  file: string;
  target: RestoreTarget;
  /** Wipe a target that already holds a database (PGlite's is moved aside, not deleted). */
  replace: boolean;
}

export interface RestoreResult {
  manifest: Manifest;
  /** The restored database, open and migrated; the caller closes it. */
  database: Database;
  /** What the restored database holds, after migrations. */
  restored: DatabaseContents;
  photoFilesWritten: number;
  photoFilesChecked: number;
  /** Where a replaced PGlite data dir was moved to. */
  movedAside?: string;
}

/**
 * Restores an archive: checks it whole, loads the database (into an empty target, or a
 * wiped one with `replace`), migrates it up to this code's level, writes the photos, then
 * checks the counts and every photo's bytes against the manifest.
 */
export async function restore(deps: Pick<AppDeps, 'storage'>, input: RestoreInput): Promise<RestoreResult> {
  const archive = await verifyArchive(input.file);
  const { manifest } = archive;
  if (manifest.engine !== input.target.kind) {
    throw new DomainError(
      'bad_request',
      `${input.file} is a ${manifest.engine} backup and this server is configured for ${input.target.kind}: restore it on the same engine (see docs/operations.md to move between them)`,
    );
  }
  const { database, movedAside } = await loadDatabase(archive, input);
  try {
    await database.migrate();
    let photoFilesWritten = 0;
    for (const part of manifest.files) {
      const bytes = await entryBytes(input.file, archive.entries.get(part.path)!);
      await deps.storage.put(storageKeyOf(part.path), bytes, 'image/jpeg');
      photoFilesWritten += 1;
    }
    const restored = await databaseContents(database.db);
    const photoFilesChecked = await checkRestored(deps, manifest, restored);
    return { manifest, database, restored, photoFilesWritten, photoFilesChecked, ...(movedAside ? { movedAside } : {}) };
  } catch (err) {
    await database.close();
    throw err;
  }
}

async function loadDatabase(archive: VerifiedArchive, input: RestoreInput): Promise<{ database: Database; movedAside?: string }> {
  // Out of the archive into a file of its own: pg_restore needs to seek in a custom-format dump.
  const work = await mkdtemp(join(tmpdir(), 'groundswell-restore-'));
  try {
    const dump = join(work, 'database');
    await extractEntry(input.file, archive.entries.get(archive.manifest.database.path)!, dump);
    if (input.target.kind === 'pglite') return await restorePglite(input.target.dataDir, dump, { replace: input.replace });
    await restorePostgres(input.target.url, dump, { replace: input.replace });
    return { database: await connect({ databaseUrl: input.target.url }) };
  } finally {
    await rm(work, { recursive: true, force: true });
  }
}

/** Counts equal to the manifest's, and every photo row's files in storage with the bytes backed up. */
async function checkRestored(deps: Pick<AppDeps, 'storage'>, manifest: Manifest, restored: DatabaseContents): Promise<number> {
  const problems: string[] = [];
  for (const k of ['reports', 'events', 'photos'] as const) {
    if (restored.counts[k] !== manifest.counts[k]) problems.push(`${k}: ${restored.counts[k]} restored, ${manifest.counts[k]} in the backup`);
  }
  const expected = new Map(manifest.files.map((f) => [storageKeyOf(f.path), f.sha256]));
  const missing = new Set(manifest.missingFiles);
  let checked = 0;
  for (const key of restored.photoKeys) {
    for (const path of photoFiles(key)) {
      if (missing.has(path)) continue;
      const bytes = await deps.storage.get(path);
      if (!bytes) problems.push(`${path}: missing from storage`);
      else if (sha256(bytes) !== expected.get(path)) problems.push(`${path}: bytes differ from the backup`);
      else checked += 1;
    }
  }
  if (problems.length) {
    throw new Error(`The restore finished but does not match the backup:\n  ${problems.slice(0, 20).join('\n  ')}${problems.length > 20 ? `\n  ... and ${problems.length - 20} more` : ''}`);
  }
  return checked;
}
