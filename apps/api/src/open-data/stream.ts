import { getHeapStatistics } from 'node:v8';
import type { Logger } from 'pino';

const encoder = new TextEncoder();

/**
 * An export leaves about three bytes of buffers for the garbage collector for every byte it
 * sends (the socket's reads, postgres.js joining a row split between two reads, the joined
 * batch). V8 frees that memory outside its heap only in a full collection, and starts one
 * only after 64 MB more of it: a server's RSS rose ~90 MB during every export. Where the
 * runtime allows it (`--expose-gc`, which every shipped start sets: package.json, deploy/,
 * the Dockerfile), an export starts a full collection (incremental, so the server keeps
 * answering) whenever that memory has grown RECLAIM_AFTER_BYTES above its lowest since the
 * last one: peak 142–147 MB instead of 194–199 for 1,000,000 reports, for ~15 % more
 * export time (bench/RESULTS.md). A scavenge frees none of it: the buffers are old by the
 * time they die.
 */
const RECLAIM_AFTER_BYTES = 20 * 1024 * 1024;
type Collect = (options: { type: 'major'; execution: 'async' }) => void;
const collectGarbage = (globalThis as { gc?: Collect }).gc;

/** Starts a collection when memory outside the heap has grown enough since the lowest seen: call after each chunk. */
function reclaimer(collect: Collect): () => void {
  let lowest = Number.POSITIVE_INFINITY;
  return () => {
    const external = getHeapStatistics().external_memory;
    lowest = Math.min(lowest, external);
    if (external > lowest + RECLAIM_AFTER_BYTES) {
      collect({ type: 'major', execution: 'async' });
      // The collection runs alongside: the next reading (still high) starts the count again.
      lowest = Number.POSITIVE_INFINITY;
    }
  };
}

/**
 * A response body that pulls batches from a database cursor, one batch ahead of what the
 * client has taken: the next batch is fetched while the socket writes the one before (without
 * it PostgreSQL waited on every write and the socket on every fetch), and no more than that,
 * so a slow client slows the cursor and memory stays flat however large the export.
 */
export function batchedBody<T>(
  parts: { head: string; first: T[]; rest: AsyncGenerator<T[]>; tail: string },
  render: (rows: T[], isFirst: boolean) => string | Uint8Array,
  log: Logger,
): ReadableStream<Uint8Array> {
  let started = false;
  const reclaim = collectGarbage ? reclaimer(collectGarbage) : () => {};
  const enqueue = (controller: ReadableStreamDefaultController<Uint8Array>, chunk: string | Uint8Array) => {
    const bytes = typeof chunk === 'string' ? encoder.encode(chunk) : chunk;
    controller.enqueue(bytes);
    reclaim();
  };
  return new ReadableStream<Uint8Array>(
    {
      async pull(controller) {
        try {
          if (!started) {
            started = true;
            enqueue(controller, parts.head);
            const first = render(parts.first, true);
            if (first.length) enqueue(controller, first);
            return;
          }
          const next = await parts.rest.next();
          if (next.done) {
            controller.enqueue(encoder.encode(parts.tail));
            controller.close();
            return;
          }
          enqueue(controller, render(next.value, false));
        } catch (err) {
          log.error({ err }, 'export stream failed');
          controller.error(err);
        }
      },
      async cancel() {
        await parts.rest.return(undefined);
      },
    },
    // One chunk queued ahead: the prefetch above. Backpressure holds everything beyond it.
    { highWaterMark: 1 },
  );
}

/**
 * The same body, calling `settle` exactly once when it is over, however that happens: read
 * to the end, failed, or cancelled (the client went away; @hono/node-server cancels the body
 * when the socket closes). `beforePull` runs before each chunk is read (to renew a lease).
 */
export function settlingBody(body: ReadableStream<Uint8Array>, hooks: { settle: () => Promise<void>; beforePull?: () => Promise<void> }): ReadableStream<Uint8Array> {
  let settled: Promise<void> | undefined;
  const settle = () => (settled ??= hooks.settle().catch(() => {}));
  const reader = body.getReader();
  return new ReadableStream<Uint8Array>(
    {
      async pull(controller) {
        try {
          await hooks.beforePull?.();
          const r = await reader.read();
          if (r.done) {
            await settle();
            controller.close();
          } else controller.enqueue(r.value);
        } catch (err) {
          await settle();
          controller.error(err);
        }
      },
      async cancel(reason) {
        await settle();
        await reader.cancel(reason).catch(() => {});
      },
    },
    { highWaterMark: 0 },
  );
}
