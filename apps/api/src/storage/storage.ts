import { mkdir, readFile, rename, rm, writeFile } from 'node:fs/promises';
import { dirname, join, resolve, sep } from 'node:path';

/**
 * Where photo bytes live. The local disk is the default; an S3-compatible bucket implements
 * the same three calls.
 */
export interface Storage {
  put(key: string, bytes: Uint8Array, contentType: string): Promise<void>;
  get(key: string): Promise<Uint8Array | undefined>;
  delete(key: string): Promise<void>;
}

export class DiskStorage implements Storage {
  private readonly root: string;
  constructor(root: string) {
    this.root = resolve(root);
  }

  private path(key: string): string {
    const p = resolve(join(this.root, key));
    // Keys are made by us, but a key must never escape the root all the same.
    if (!p.startsWith(this.root + sep)) throw new Error(`storage key outside root: ${key}`);
    return p;
  }

  async put(key: string, bytes: Uint8Array): Promise<void> {
    const p = this.path(key);
    await mkdir(dirname(p), { recursive: true });
    // Write then rename, so a reader never sees half a photo.
    await writeFile(`${p}.part`, bytes);
    await rename(`${p}.part`, p);
  }

  async get(key: string): Promise<Uint8Array | undefined> {
    try {
      return await readFile(this.path(key));
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
      throw err;
    }
  }

  async delete(key: string): Promise<void> {
    await rm(this.path(key), { force: true });
  }
}

/**
 * Deletes files whose rows are already gone. A file that cannot be deleted is logged and
 * left: the rows' deletion has been committed and must not be undone for it.
 */
export async function deleteStoredFiles(deps: { storage: Storage; logger: { warn(obj: object, msg: string): void } }, keys: readonly string[], what: string): Promise<void> {
  for (const key of keys) await deps.storage.delete(key).catch((err) => deps.logger.warn({ err, key }, `${what} could not be deleted`));
}
