/**
 * PostGIS for the embedded PGlite, its files read from disk instead of held in memory.
 *
 * @electric-sql/pglite-postgis ships one tarball (20 MB gzipped, 94 MB unpacked) that PGlite
 * unpacks into its in-memory file system (MEMFS) at every start, holding each byte several
 * times (the gunzipped Blob it keeps for the life of the instance, the untarred copy, the
 * MEMFS copy), and it compiles and instantiates every .so in it at start, whether or not its
 * extension is ever created: postgis_raster-3.so and postgis_topology-3.so are 31 MB of
 * WebAssembly that Groundswell never loads. At 50,000 reports that made an embedded server
 * ~500 MB larger than one without PostGIS (bench/RESULTS.md, issue 15).
 *
 * So the package's tarball is unpacked once, on disk, without the extensions the app does not
 * create (raster, topology, the tiger geocoder, SFCGAL), the "unpackaged" scripts (CREATE
 * EXTENSION … FROM unpackaged, gone since PostgreSQL 13) and the contrib/ copies for installs
 * without CREATE EXTENSION; what is left (postgis-3.so, postgis.control, the install and upgrade
 * scripts, PROJ's data for ST_Transform) is mounted into PGlite with Emscripten's NODEFS and
 * linked where PostgreSQL looks for it. PostgreSQL reads those files only when it needs them:
 * postgis-3.so when a PostGIS function is first called (Emscripten's dlopen compiles it then),
 * the scripts at CREATE or ALTER EXTENSION, proj.db when PROJ first looks up a CRS.
 *
 * CREATE EXTENSION postgis_raster (or _topology, _tiger_geocoder) fails on this install with
 * "extension … is not available". When the unpacked copy cannot be made (a read-only cache
 * directory), the package's extension is used as it is.
 */
import { closeSync, createReadStream, existsSync, mkdirSync, openSync, readdirSync, renameSync, rmSync, statSync, symlinkSync, writeFileSync, writeSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, posix, relative, sep } from 'node:path';
import { Writable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { fileURLToPath } from 'node:url';
import { createGunzip } from 'node:zlib';
import type { Extension } from '@electric-sql/pglite';

/** Bundle entries the app never uses: other extensions of the PostGIS family, pre-9.1 upgrade scripts, non-extension installs. */
export const UNUSED_POSTGIS_ENTRY = /(^|\/)postgis_(raster|topology|tiger_geocoder|sfcgal)|--unpackaged|^share\/postgresql\/contrib\//;

/** Bumped when UNUSED_POSTGIS_ENTRY or the layout changes, so a copy unpacked by an older rule is not reused. */
const UNPACK_VERSION = 1;

/** Where the unpacked files appear inside PGlite's file system (outside its own /pglite tree). */
const MOUNT_POINT = '/groundswell/postgis';

/** The part of PGlite's Emscripten module the mount uses. */
interface EmscriptenFs {
  mkdirTree(path: string): void;
  mount(type: unknown, options: { root: string }, mountpoint: string): void;
  symlink(target: string, path: string): void;
  analyzePath(path: string): { exists: boolean };
  filesystems: { NODEFS: unknown };
}

/**
 * PGlite's postgis extension with its files on disk, unpacked on first use into `cacheDir`
 * (a directory kept between starts: the embedded server passes one under its DATA_DIR).
 */
export async function leanPostgis(cacheDir: string = join(tmpdir(), 'groundswell-pglite')): Promise<Extension> {
  const { postgis } = await import('@electric-sql/pglite-postgis');
  return {
    name: postgis.name,
    setup: async (pg, emscriptenOpts) => {
      const result = await postgis.setup(pg, emscriptenOpts);
      const root = await unpackedBundle(result.bundlePath, cacheDir).catch(() => undefined);
      if (!root) return result;
      const files = listFiles(root);
      const opts = result.emscriptenOpts as { WASM_PREFIX: string; preRun?: ((mod: { FS: EmscriptenFs }) => void)[] };
      // Without bundlePath PGlite unpacks and preloads nothing; the preRun lays the files out
      // before PostgreSQL starts (PGlite's own files are added after it, beside them).
      const mountFiles = ({ FS }: { FS: EmscriptenFs }) => {
        FS.mkdirTree(MOUNT_POINT);
        FS.mount(FS.filesystems.NODEFS, { root }, MOUNT_POINT);
        for (const file of files) {
          const path = `${opts.WASM_PREFIX}/${file}`;
          FS.mkdirTree(posix.dirname(path));
          if (!FS.analyzePath(path).exists) FS.symlink(`${MOUNT_POINT}/${file}`, path);
        }
      };
      return { emscriptenOpts: { ...opts, preRun: [...(opts.preRun ?? []), mountFiles] } };
    },
  };
}

/** Every file (or link) under `root`, as a relative path with forward slashes. */
function listFiles(root: string): string[] {
  const out: string[] = [];
  for (const entry of readdirSync(root, { withFileTypes: true, recursive: true })) {
    if (entry.isDirectory()) continue;
    const file = relative(root, join(entry.parentPath, entry.name)).split(sep).join('/');
    if (file !== COMPLETE) out.push(file);
  }
  return out;
}

/** The bundle unpacked (without the unused entries) under cacheDir, made once (atomically, by rename) and then reused. */
async function unpackedBundle(bundle: URL, cacheDir: string): Promise<string> {
  const source = fileURLToPath(bundle);
  const { size, mtimeMs } = statSync(source);
  // Named after the tarball's size and time, so an upgraded package gets a new copy.
  const target = join(cacheDir, `postgis-v${UNPACK_VERSION}-${size}-${Math.round(mtimeMs)}`);
  if (existsSync(join(target, COMPLETE))) return target;
  mkdirSync(cacheDir, { recursive: true });
  const partial = `${target}.${process.pid}.${Date.now()}.partial`;
  try {
    // Streamed: making it costs the process a few buffers, not the bundle's size.
    await pipeline(
      createReadStream(source),
      createGunzip(),
      untar(partial, (name) => !UNUSED_POSTGIS_ENTRY.test(name)),
    );
    writeFileSync(join(partial, COMPLETE), '');
    // Fails if another process made it meanwhile (a directory is never renamed onto a full one):
    // theirs is used, and never removed, since a running PGlite may read from it.
    renameSync(partial, target);
  } catch (error) {
    if (!existsSync(join(target, COMPLETE))) throw error;
  } finally {
    rmSync(partial, { recursive: true, force: true });
  }
  return target;
}

/** Written last into an unpacked copy: a copy without it was interrupted. */
const COMPLETE = '.complete';

const BLOCK = 512;

/**
 * A writable tar stream that unpacks regular files, directories and symbolic links into `dir`,
 * the entries whose name `keep` accepts. GNU long names ('L') are read; pax headers ('x', 'g')
 * are skipped; a name that climbs out of `dir` is an error.
 */
export function untar(dir: string, keep: (name: string) => boolean): Writable {
  let pending: Buffer = Buffer.alloc(0);
  let longName: string | undefined;
  /** Bytes of the current entry's data and padding still to come, and of its data alone. */
  let remaining = 0;
  let dataLeft = 0;
  let fd: number | undefined;
  let meta: { type: string; chunks: Buffer[] } | undefined;
  let ended = false;
  mkdirSync(dir, { recursive: true });
  const target = (name: string) => {
    const clean = posix.normalize(name.replace(/^\.\//, ''));
    if (clean.startsWith('../') || clean === '..' || posix.isAbsolute(clean)) throw new Error(`tar entry outside the directory: ${name}`);
    return join(dir, clean);
  };
  const consume = () => {
    let at = 0;
    while (at < pending.length && !ended) {
      if (remaining > 0) {
        const n = Math.min(remaining, pending.length - at);
        const data = Math.min(n, dataLeft);
        if (data > 0) {
          const piece = pending.subarray(at, at + data);
          if (fd !== undefined) writeSync(fd, piece);
          meta?.chunks.push(Buffer.from(piece));
        }
        dataLeft -= data;
        remaining -= n;
        at += n;
        if (remaining === 0) finishEntry();
        continue;
      }
      if (pending.length - at < BLOCK) break;
      const header = pending.subarray(at, at + BLOCK);
      at += BLOCK;
      if (header.every((b) => b === 0)) {
        ended = true;
        break;
      }
      const size = Number.parseInt(field(header, 124, 12) || '0', 8);
      const type = String.fromCharCode(header[156]!);
      remaining = Math.ceil(size / BLOCK) * BLOCK;
      dataLeft = size;
      if (type === 'L' || type === 'x' || type === 'g') {
        meta = { type, chunks: [] };
      } else {
        const prefix = field(header, 345, 155);
        const name = (longName ?? (prefix ? `${prefix}/${field(header, 0, 100)}` : field(header, 0, 100))).replace(/^\.\//, '');
        longName = undefined;
        if (keep(name)) {
          const path = target(name);
          if (type === '5') mkdirSync(path, { recursive: true });
          else {
            mkdirSync(dirname(path), { recursive: true });
            if (type === '2') symlinkSync(field(header, 157, 100), path);
            else if (type === '0' || type === '\0') fd = openSync(path, 'w', 0o644);
            else throw new Error(`tar entry of type ${type} not supported: ${name}`);
          }
        }
      }
      if (remaining === 0) finishEntry();
    }
    pending = Buffer.from(pending.subarray(at));
  };
  const finishEntry = () => {
    if (fd !== undefined) closeSync(fd);
    fd = undefined;
    if (meta?.type === 'L') longName = field(Buffer.concat(meta.chunks), 0, Number.MAX_SAFE_INTEGER);
    meta = undefined;
  };
  return new Writable({
    write(chunk: Buffer, _encoding, done) {
      try {
        pending = pending.length ? Buffer.concat([pending, chunk]) : chunk;
        consume();
        done();
      } catch (error) {
        done(error as Error);
      }
    },
    final(done) {
      if (fd !== undefined) closeSync(fd);
      done(ended ? null : new Error('tar stream ended before its end blocks'));
    },
  });
}

/** A NUL-terminated field of a tar header. */
function field(block: Buffer, offset: number, length: number): string {
  const raw = block.subarray(offset, offset + length);
  const end = raw.indexOf(0);
  return raw
    .subarray(0, end === -1 ? raw.length : end)
    .toString('utf8')
    .trim();
}
