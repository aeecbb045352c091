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
import { existsSync, mkdirSync, readdirSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, posix, relative, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import { extract } from 'tar';
import type { Extension } from '@electric-sql/pglite';

/** Bundle entries the app never uses: other extensions of the PostGIS family, pre-9.1 upgrade scripts, non-extension installs. */
const UNUSED_POSTGIS_ENTRY = /(^|\/)postgis_(raster|topology|tiger_geocoder|sfcgal)|--unpackaged|^share\/postgresql\/contrib\//;

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
    // Streamed by node-tar (gunzip included): a few buffers, not the bundle's size; it refuses
    // entries that would land outside the folder.
    mkdirSync(partial, { recursive: true });
    await extract({ file: source, cwd: partial, filter: (name) => !UNUSED_POSTGIS_ENTRY.test(name.replace(/^\.\//, '')) });
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
