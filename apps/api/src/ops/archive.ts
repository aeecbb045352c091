/**
 * The backup archive: one plain POSIX tar (ustar) file that `tar -tvf` can list and extract.
 * Not gzipped: the custom-format dump and the PGlite tarball are compressed already and JPEGs
 * do not shrink. The manifest is the LAST entry, because it holds the sha256 of every part
 * and those are known only once the parts are written; restore reads the whole archive and
 * checks every hash before it touches the target.
 */
import { createHash } from 'node:crypto';
import { createReadStream, createWriteStream } from 'node:fs';
import { open, type FileHandle } from 'node:fs/promises';
import { pipeline } from 'node:stream/promises';
import type { DatabaseContents, MigrationLevel } from '@groundswell/db';

export const ARCHIVE_FORMAT = 'groundswell-backup';
export const ARCHIVE_VERSION = 1;
export const MANIFEST_PATH = 'manifest.json';
/** Photo files are stored under this prefix, followed by their storage key. */
export const FILES_PREFIX = 'files/';

export { photoFiles } from '../photos/files.ts';

export interface ArchivePart {
  path: string;
  bytes: number;
  sha256: string;
}

export interface Manifest {
  format: typeof ARCHIVE_FORMAT;
  version: number;
  createdAt: string;
  engine: 'pglite' | 'postgres';
  serverVersion: string;
  dumpTool: string;
  migration: MigrationLevel | null;
  counts: DatabaseContents['counts'];
  database: ArchivePart;
  /** Photo files, `path` being `files/<storage key>`. */
  files: ArchivePart[];
  /** Files a photo row names that were not in storage when the backup was made. */
  missingFiles: string[];
}

const BLOCK = 512;
const zeros = Buffer.alloc(BLOCK * 2);

function writeOctal(header: Buffer, value: number, offset: number, length: number) {
  header.write(`${value.toString(8).padStart(length - 1, '0')}\0`, offset, length, 'ascii');
}

/** A ustar header; sizes of 8 GiB and more use the base-256 form GNU tar and bsdtar read. */
function tarHeader(path: string, size: number, mtime: Date): Buffer {
  const header = Buffer.alloc(BLOCK);
  let name = path;
  let prefix = '';
  if (Buffer.byteLength(path) > 100) {
    const cut = path.lastIndexOf('/', 155);
    if (cut < 0 || Buffer.byteLength(path.slice(cut + 1)) > 100) throw new Error(`Path too long for the archive: ${path}`);
    prefix = path.slice(0, cut);
    name = path.slice(cut + 1);
  }
  header.write(name, 0, 100, 'utf8');
  writeOctal(header, 0o644, 100, 8);
  writeOctal(header, 0, 108, 8);
  writeOctal(header, 0, 116, 8);
  if (size < 8 ** 11) writeOctal(header, size, 124, 12);
  else {
    header[124] = 0x80;
    header.writeBigUInt64BE(BigInt(size), 128);
  }
  writeOctal(header, Math.floor(mtime.getTime() / 1000), 136, 12);
  header.write('        ', 148, 8, 'ascii');
  header.write('0', 156, 1, 'ascii');
  header.write('ustar\0' + '00', 257, 8, 'ascii');
  header.write(prefix, 345, 155, 'utf8');
  let sum = 0;
  for (const b of header) sum += b;
  header.write(`${sum.toString(8).padStart(6, '0')}\0 `, 148, 8, 'ascii');
  return header;
}

/** Writes entries one after another; each is hashed as it is written. */
export class TarWriter {
  private constructor(
    private readonly fh: FileHandle,
    private readonly mtime: Date,
  ) {}

  static async create(file: string, mtime: Date): Promise<TarWriter> {
    return new TarWriter(await open(file, 'wx'), mtime);
  }

  async addBytes(path: string, bytes: Uint8Array): Promise<ArchivePart> {
    await this.fh.write(tarHeader(path, bytes.byteLength, this.mtime));
    await this.fh.write(bytes);
    await this.pad(bytes.byteLength);
    return { path, bytes: bytes.byteLength, sha256: createHash('sha256').update(bytes).digest('hex') };
  }

  /** Streams a file in, so a large dump never sits in memory. */
  async addFile(path: string, source: string): Promise<ArchivePart> {
    const input = await open(source, 'r');
    try {
      const { size } = await input.stat();
      await this.fh.write(tarHeader(path, size, this.mtime));
      const hash = createHash('sha256');
      let written = 0;
      for await (const chunk of input.createReadStream({ autoClose: false }) as AsyncIterable<Buffer>) {
        hash.update(chunk);
        written += chunk.byteLength;
        await this.fh.write(chunk);
      }
      if (written !== size) throw new Error(`${source} changed size while it was archived`);
      await this.pad(size);
      return { path, bytes: size, sha256: hash.digest('hex') };
    } finally {
      await input.close();
    }
  }

  private async pad(size: number) {
    const rest = size % BLOCK;
    if (rest) await this.fh.write(zeros.subarray(0, BLOCK - rest));
  }

  async finish(): Promise<void> {
    await this.fh.write(zeros);
    await this.fh.sync();
    await this.fh.close();
  }

  async abort(): Promise<void> {
    await this.fh.close().catch(() => {});
  }
}

export interface TarEntry {
  path: string;
  size: number;
  /** Where the entry's bytes start in the archive. */
  offset: number;
}

function readOctal(header: Buffer, offset: number, length: number): number {
  if (header[offset]! & 0x80) return Number(header.readBigUInt64BE(offset + length - 8));
  const text = header
    .toString('ascii', offset, offset + length)
    .replace(/\0.*$/s, '')
    .trim();
  return text ? Number.parseInt(text, 8) : 0;
}

/** Lists a tar file's regular files by reading only their headers. */
export async function readTarIndex(file: string): Promise<TarEntry[]> {
  const fh = await open(file, 'r');
  try {
    const { size: total } = await fh.stat();
    const entries: TarEntry[] = [];
    const header = Buffer.alloc(BLOCK);
    let at = 0;
    while (at + BLOCK <= total) {
      await fh.read(header, 0, BLOCK, at);
      if (header.every((b) => b === 0)) break;
      let sum = 0;
      for (let i = 0; i < BLOCK; i++) sum += i >= 148 && i < 156 ? 32 : header[i]!;
      if (sum !== readOctal(header, 148, 8)) throw new Error(`${file} is not a backup archive (bad tar header at byte ${at})`);
      const name = header.toString('utf8', 0, 100).replace(/\0.*$/s, '');
      const prefix = header.toString('utf8', 345, 500).replace(/\0.*$/s, '');
      const size = readOctal(header, 124, 12);
      const type = String.fromCharCode(header[156]!);
      if (type === '0' || type === '\0') entries.push({ path: prefix ? `${prefix}/${name}` : name, size, offset: at + BLOCK });
      at += BLOCK + Math.ceil(size / BLOCK) * BLOCK;
    }
    return entries;
  } finally {
    await fh.close();
  }
}

export async function entryBytes(file: string, entry: TarEntry): Promise<Buffer> {
  const fh = await open(file, 'r');
  try {
    const buf = Buffer.alloc(entry.size);
    await fh.read(buf, 0, entry.size, entry.offset);
    return buf;
  } finally {
    await fh.close();
  }
}

export async function entrySha256(file: string, entry: TarEntry): Promise<string> {
  const hash = createHash('sha256');
  // createReadStream's `end` is inclusive, so an empty entry reads nothing at all.
  if (entry.size > 0) for await (const chunk of createReadStream(file, { start: entry.offset, end: entry.offset + entry.size - 1 })) hash.update(chunk as Buffer);
  return hash.digest('hex');
}

export const sha256 = (bytes: Uint8Array) => createHash('sha256').update(bytes).digest('hex');

/** Copies one entry's bytes out to a file of its own. */
export async function extractEntry(file: string, entry: TarEntry, dest: string): Promise<void> {
  const out = createWriteStream(dest, { flags: 'wx' });
  if (entry.size > 0) await pipeline(createReadStream(file, { start: entry.offset, end: entry.offset + entry.size - 1 }), out);
  else await new Promise<void>((resolve, reject) => out.on('error', reject).end(resolve));
}
