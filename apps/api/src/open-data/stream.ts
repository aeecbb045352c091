import type { Logger } from 'pino';

const encoder = new TextEncoder();

/**
 * A response body that pulls one batch at a time from a database cursor: nothing is read
 * ahead of what the client takes, so memory stays flat however large the export.
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
    { highWaterMark: 0 },
  );
}
