import { existsSync } from 'node:fs';
import { mkdtemp, rename, rm } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { DomainError } from '@groundswell/core';
import { dumpDatabase } from '@groundswell/db';
import type { AppDeps } from '../deps.ts';
import { ARCHIVE_FORMAT, ARCHIVE_VERSION, FILES_PREFIX, MANIFEST_PATH, TarWriter, photoFiles, type ArchivePart, type Manifest } from './archive.ts';

export interface BackupInput {
  /** The archive to write; it must not exist yet. */
  file: string;
}

/**
 * Backs up the database and the photos its rows name into one archive. The database is
 * dumped first and the photo keys come from the same snapshot: a photo's files are stored
 * before its row is committed and never changed after, so every row in the dump finds its
 * files, and a photo added during the backup is in it with its row or not at all.
 */
export async function backup(deps: Pick<AppDeps, 'database' | 'storage' | 'clock'>, input: BackupInput): Promise<Manifest> {
  if (existsSync(input.file)) throw new DomainError('conflict', `${input.file} already exists: choose another name`);
  const createdAt = deps.clock.now();
  // Next to the archive, not in /tmp: the operator chose a place with room for it.
  const work = await mkdtemp(join(dirname(input.file), '.groundswell-backup-'));
  const partial = `${input.file}.part`;
  let tar: TarWriter | undefined;
  try {
    const dump = await dumpDatabase(deps.database, join(work, 'database'));
    tar = await TarWriter.create(partial, createdAt);
    const database = await tar.addFile(dump.engine === 'postgres' ? 'database/postgres.dump' : 'database/pglite-datadir.tar.gz', join(work, 'database'));
    const files: ArchivePart[] = [];
    const missingFiles: string[] = [];
    for (const key of dump.photoKeys) {
      for (const path of photoFiles(key)) {
        const bytes = await deps.storage.get(path);
        if (bytes) files.push(await tar.addBytes(FILES_PREFIX + path, bytes));
        else missingFiles.push(path);
      }
    }
    const manifest: Manifest = {
      format: ARCHIVE_FORMAT,
      version: ARCHIVE_VERSION,
      createdAt: createdAt.toISOString(),
      engine: dump.engine,
      serverVersion: dump.serverVersion,
      dumpTool: dump.dumpTool,
      migration: dump.migration,
      counts: dump.counts,
      database,
      files,
      missingFiles,
    };
    await tar.addBytes(MANIFEST_PATH, Buffer.from(`${JSON.stringify(manifest, null, 1)}\n`));
    await tar.finish();
    tar = undefined;
    // Only a complete archive ever has the name asked for.
    await rename(partial, input.file);
    return manifest;
  } finally {
    if (tar) {
      await tar.abort();
      await rm(partial, { force: true });
    }
    await rm(work, { recursive: true, force: true });
  }
}
