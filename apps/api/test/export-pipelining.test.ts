import { describe, expect, it } from 'vitest';
import pino from 'pino';
import { batchedBody } from '../src/open-data/stream.ts';

/**
 * The export body fetches the next batch from the cursor while the previous one is being
 * written (so PostgreSQL and the socket work at the same time), and never more than one batch
 * ahead of what the client has taken (so a slow client holds memory flat).
 */
describe('export body pipelining', () => {
  it('asks for batch n+1 as soon as batch n is taken, and goes no further until the client reads on', async () => {
    const asked: number[] = [];
    const total = 6;
    async function* batches() {
      for (let i = 1; i <= total; i++) {
        asked.push(i);
        // A database round trip.
        await new Promise((r) => setTimeout(r, 5));
        yield [`b${i}`];
      }
    }
    const rest = batches();
    const body = batchedBody({ head: '[', first: ['b0'], rest, tail: ']' }, (rows) => rows.join(','), pino({ level: 'silent' }));
    const reader = body.getReader();
    const settle = () => new Promise((r) => setTimeout(r, 50));
    const text = (v: Uint8Array | undefined) => new TextDecoder().decode(v);

    expect(text((await reader.read()).value)).toBe('[');
    expect(text((await reader.read()).value)).toBe('b0');
    // The client holds b0 (writing it); batch 1 is already on its way, and nothing beyond it.
    await settle();
    expect(asked).toEqual([1]);
    expect(text((await reader.read()).value)).toBe('b1');
    await settle();
    expect(asked).toEqual([1, 2]);
    // However long the client takes, at most one batch waits for it.
    await settle();
    expect(asked).toEqual([1, 2]);
    const rest2: string[] = [];
    for (;;) {
      const r = await reader.read();
      if (r.done) break;
      rest2.push(text(r.value));
    }
    expect(rest2).toEqual(['b2', 'b3', 'b4', 'b5', 'b6', ']']);
    expect(asked).toEqual([1, 2, 3, 4, 5, 6]);
  });
});
