/**
 * Exports built in a temporary folder under DATA_DIR/tmp and sent from there. The folder is
 * removed as soon as the finished file is open for sending (the open file stays readable
 * until it is closed), and always when the build fails, so nothing is left on disk whether
 * the download completes, is cut off, or never starts.
 */
import { mkdir, mkdtemp, open, readdir, rm, stat } from 'node:fs/promises';
import { join } from 'node:path';

export const exportTempRoot = (dataDir: string) => join(dataDir, 'tmp');

/** A build folder this old was left by a process that died while building (a build takes seconds to minutes). */
const STALE_MS = 6 * 60 * 60 * 1000;

/** Removes build folders a killed process left behind; a live build's folder is never this old. */
async function sweepStale(root: string, now: number): Promise<void> {
  for (const name of await readdir(root).catch(() => [] as string[])) {
    if (!name.startsWith('export-')) continue;
    const path = join(root, name);
    const s = await stat(path).catch(() => undefined);
    if (s && now - s.mtimeMs > STALE_MS) await rm(path, { recursive: true, force: true });
  }
}

/**
 * Runs `build` in a fresh folder and returns the built file, opened, with the folder gone.
 * `build` should stop (throw) when `signal` aborts: the client went away, nobody wants the file.
 */
export async function buildInTempDir(dataDir: string, build: (dir: string) => Promise<string>): Promise<{ body: ReadableStream<Uint8Array>; size: number }> {
  const root = exportTempRoot(dataDir);
  await mkdir(root, { recursive: true });
  await sweepStale(root, Date.now());
  const dir = await mkdtemp(join(root, 'export-'));
  try {
    const file = await open(await build(dir), 'r');
    const { size } = await file.stat();
    return { body: fileBody(file), size };
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

const CHUNK = 64 * 1024;

/** The open file as a body, read a chunk at a time as the client takes it, closed at the end or when the client goes. */
function fileBody(file: Awaited<ReturnType<typeof open>>): ReadableStream<Uint8Array> {
  let closed: Promise<void> | undefined;
  const close = () => (closed ??= file.close().catch(() => {}));
  return new ReadableStream<Uint8Array>(
    {
      async pull(controller) {
        try {
          const buffer = new Uint8Array(CHUNK);
          const { bytesRead } = await file.read(buffer, 0, CHUNK, null);
          if (bytesRead === 0) {
            await close();
            controller.close();
          } else controller.enqueue(buffer.subarray(0, bytesRead));
        } catch (err) {
          await close();
          controller.error(err);
        }
      },
      cancel: () => close(),
    },
    { highWaterMark: 0 },
  );
}
