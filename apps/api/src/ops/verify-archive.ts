import { DomainError } from '@groundswell/core';
import { knownMigrations } from '@groundswell/db';
import { ARCHIVE_FORMAT, ARCHIVE_VERSION, FILES_PREFIX, MANIFEST_PATH, entryBytes, entrySha256, readTarIndex, type Manifest, type TarEntry } from './archive.ts';

export interface VerifiedArchive {
  manifest: Manifest;
  /** Entries by path, each checked against the manifest's size and sha256. */
  entries: Map<string, TarEntry>;
}

const refuse = (file: string, why: string) => new DomainError('bad_request', `${file}: ${why}`);

/** A photo path as backup writes it: under files/photos/, no way out of the storage root. */
const SAFE_FILE = /^files\/photos\/[A-Za-z0-9._/-]+$/;

/**
 * Reads an archive and checks it whole before anything is restored: its format, that this
 * code can run its migration level, and the size and sha256 of every part against the
 * manifest. A torn or tampered archive is refused here, with the target untouched.
 */
export async function verifyArchive(file: string): Promise<VerifiedArchive> {
  const entries = new Map((await readTarIndex(file)).map((e) => [e.path, e]));
  const manifestEntry = entries.get(MANIFEST_PATH);
  if (!manifestEntry) throw refuse(file, 'no manifest.json: not a Groundswell backup, or cut short');
  const manifest = JSON.parse((await entryBytes(file, manifestEntry)).toString('utf8')) as Manifest;
  if (manifest.format !== ARCHIVE_FORMAT) throw refuse(file, `not a Groundswell backup (format ${JSON.stringify(manifest.format)})`);
  if (manifest.version > ARCHIVE_VERSION) throw refuse(file, `archive version ${manifest.version} is newer than this code reads (${ARCHIVE_VERSION}): restore with the version that made it`);
  const known = knownMigrations();
  const latest = known.at(-1)!;
  if (manifest.migration && !known.some((m) => m.when === manifest.migration!.when)) {
    const newer = manifest.migration.when > latest.when ? `newer than this code knows (${latest.tag})` : 'not one this code knows';
    throw refuse(file, `its database is at migration ${manifest.migration.tag}, ${newer}: restore with the version of Groundswell that made it, or a later one`);
  }
  for (const part of [manifest.database, ...manifest.files]) {
    const entry = entries.get(part.path);
    if (!entry) throw refuse(file, `${part.path} is listed in the manifest but missing from the archive`);
    if ((part !== manifest.database && !SAFE_FILE.test(part.path)) || part.path.includes('..')) throw refuse(file, `unexpected path ${part.path}`);
    if (entry.size !== part.bytes) throw refuse(file, `${part.path} is ${entry.size} bytes, the manifest says ${part.bytes}`);
    if ((await entrySha256(file, entry)) !== part.sha256) throw refuse(file, `${part.path} does not match its sha256 in the manifest`);
  }
  return { manifest, entries };
}

/** The storage key of a photo file in the archive. */
export const storageKeyOf = (path: string) => path.slice(FILES_PREFIX.length);
