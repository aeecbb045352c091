import type { Logger } from 'pino';

const encoder = new TextEncoder();

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
  return new ReadableStream<Uint8Array>(
    {
      async pull(controller) {
        try {
          if (!started) {
            started = true;
            controller.enqueue(encoder.encode(parts.head));
            const first = render(parts.first, true);
            if (first.length) controller.enqueue(typeof first === 'string' ? encoder.encode(first) : first);
            return;
          }
          const next = await parts.rest.next();
          if (next.done) {
            controller.enqueue(encoder.encode(parts.tail));
            controller.close();
            return;
          }
          const out = render(next.value, false);
          controller.enqueue(typeof out === 'string' ? encoder.encode(out) : out);
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
