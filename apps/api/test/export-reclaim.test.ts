import { afterEach, describe, expect, it, vi } from 'vitest';
import pino from 'pino';

/**
 * Where node runs with --expose-gc (every shipped start), an export body starts a full
 * collection whenever memory outside V8's heap has grown 20 MB since the lowest it saw, so
 * the buffers it leaves behind are freed long before V8's own 64 MB trigger
 * (docs/operations.md, "Memory"); elsewhere it streams the same.
 */
const MB = 1024 * 1024;

async function exportOf(batches: number, gc: (() => void) | undefined) {
  const g = globalThis as { gc?: () => void };
  const before = g.gc;
  if (gc) g.gc = gc;
  else delete g.gc;
  vi.resetModules();
  try {
    // The collector is looked up once, when the module loads.
    const { batchedBody } = await import('../src/open-data/stream.ts');
    async function* rest() {
      for (let i = 1; i <= batches; i++) yield [new Uint8Array(MB).fill(i)];
    }
    const body = batchedBody({ head: '[', first: [new Uint8Array(MB)], rest: rest(), tail: ']' }, (rows) => rows[0]!, pino({ level: 'silent' }));
    let bytes = 0;
    const lastBytes: number[] = [];
    // Kept, as a server's buffers are kept until they are old: only a full collection frees them.
    const kept: Uint8Array[] = [];
    for await (const chunk of body as unknown as AsyncIterable<Uint8Array>) {
      kept.push(chunk);
      bytes += chunk.byteLength;
      if (chunk.byteLength === MB) lastBytes.push(chunk[MB - 1]!);
    }
    return { bytes, lastBytes };
  } finally {
    if (before) g.gc = before;
    else delete g.gc;
  }
}

describe('export memory reclaim', () => {
  afterEach(() => vi.resetModules());

  it('starts an incremental full collection after every 20 MB more outside the heap, and sends every byte', async () => {
    const gc = vi.fn();
    // 1 + 60 batches of 1 MB, plus the head and tail.
    const { bytes, lastBytes } = await exportOf(60, gc);
    expect(bytes).toBe(61 * MB + 2);
    expect(lastBytes).toEqual([0, ...Array.from({ length: 60 }, (_, i) => i + 1)]);
    // About one every 21 MB: not one per chunk, not none.
    expect(gc.mock.calls.length).toBeGreaterThanOrEqual(2);
    expect(gc.mock.calls.length).toBeLessThanOrEqual(3);
    for (const call of gc.mock.calls) expect(call).toEqual([{ type: 'major', execution: 'async' }]);
  });

  it('streams the same where node was started without --expose-gc', async () => {
    const { bytes } = await exportOf(60, undefined);
    expect(bytes).toBe(61 * MB + 2);
  });
});
